// Sign-in, sign-out, first-run setup and password endpoints.
import { api, call, type Output } from '../../app/api';
import type { MethodInput } from '../../../../shared/api/contract';

export const authApi = api.injectEndpoints({
  endpoints: (build) => ({
    initialize: build.mutation<Output<'setup.initialize'>, MethodInput<'setup.initialize'>>({
      // System info is refreshed when the admin leaves the wizard's last step, not before:
      // it would end the wizard before the secret's fingerprint was shown.
      query: (input) => call('setup.initialize', input),
    }),
    login: build.mutation<Output<'auth.login'>, MethodInput<'auth.login'>>({
      query: (input) => call('auth.login', input),
    }),
    currentSession: build.query<Output<'auth.session'>, void>({
      query: () => call('auth.session'),
      keepUnusedDataFor: 0,
    }),
    logout: build.mutation<null, void>({ query: () => call('auth.logout') }),
    changePassword: build.mutation<null, MethodInput<'auth.changePassword'>>({
      query: (input) => call('auth.changePassword', input),
    }),
    setLanguage: build.mutation<null, MethodInput<'auth.setLanguage'>>({
      query: (input) => call('auth.setLanguage', input),
    }),
  }),
});

export const {
  useInitializeMutation,
  useLoginMutation,
  useLazyCurrentSessionQuery,
  useLogoutMutation,
  useChangePasswordMutation,
  useSetLanguageMutation,
} = authApi;
