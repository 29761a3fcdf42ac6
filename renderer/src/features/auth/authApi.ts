// Sign-in, sign-out, first-run setup and password endpoints.
import { injectFromContract } from '../../app/api';

export const authApi = injectFromContract(({ query, mutation }) => ({
  // System info is refreshed when the admin leaves the wizard's last step, not before:
  // it would end the wizard before the secret's fingerprint was shown.
  initialize: mutation('setup.initialize'),
  login: mutation('auth.login'),
  currentSession: query('auth.session', { keepUnusedDataFor: 0 }),
  logout: mutation('auth.logout'),
  changePassword: mutation('auth.changePassword'),
  setLanguage: mutation('auth.setLanguage'),
}));

export const {
  useInitializeMutation,
  useLoginMutation,
  useLazyCurrentSessionQuery,
  useLogoutMutation,
  useChangePasswordMutation,
  useSetLanguageMutation,
} = authApi;
