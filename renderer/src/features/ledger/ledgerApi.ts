// Ledger endpoints: customers, meters, tariffs, accounts, sales and training mode.
import type { MethodInput } from '../../../../shared/api/contract';
import { api, call, type Output } from '../../app/api';

const ledger = api.enhanceEndpoints({
  addTagTypes: ['Customers', 'Accounts', 'Tariffs', 'Sales', 'Meters'],
});

export const ledgerApi = ledger.injectEndpoints({
  endpoints: (build) => ({
    searchCustomers: build.query<Output<'customers.search'>, MethodInput<'customers.search'>>({
      query: (input) => call('customers.search', input),
      providesTags: ['Customers'],
    }),
    createCustomer: build.mutation<Output<'customers.create'>, MethodInput<'customers.create'>>({
      query: (input) => call('customers.create', input),
      invalidatesTags: ['Customers'],
    }),
    accountsForCustomer: build.query<Output<'accounts.forCustomer'>, number>({
      query: (customerId) => call('accounts.forCustomer', { customerId }),
      providesTags: ['Accounts'],
    }),
    findMeters: build.query<Output<'meters.list'>, string>({
      query: (query) => call('meters.list', { query, limit: 20 }),
      providesTags: ['Meters'],
    }),
    registerMeter: build.mutation<Output<'meters.register'>, MethodInput<'meters.register'>>({
      query: (input) => call('meters.register', input),
      invalidatesTags: ['Meters'],
    }),
    openAccount: build.mutation<Output<'accounts.open'>, MethodInput<'accounts.open'>>({
      query: (input) => call('accounts.open', input),
      invalidatesTags: ['Accounts', 'Customers', 'Meters'],
    }),
    tariffs: build.query<Output<'tariffs.list'>, void>({
      query: () => call('tariffs.list'),
      providesTags: ['Tariffs'],
    }),
    createTariff: build.mutation<Output<'tariffs.create'>, MethodInput<'tariffs.create'>>({
      query: (input) => call('tariffs.create', input),
      invalidatesTags: ['Tariffs'],
    }),
    sell: build.mutation<Output<'sales.sell'>, MethodInput<'sales.sell'>>({
      query: (input) => call('sales.sell', input),
      invalidatesTags: ['Accounts', 'Sales'],
    }),
    sales: build.query<Output<'sales.list'>, MethodInput<'sales.list'>>({
      query: (input) => call('sales.list', input),
      providesTags: ['Sales'],
    }),
    reverseSale: build.mutation<Output<'sales.reverse'>, MethodInput<'sales.reverse'>>({
      query: (input) => call('sales.reverse', input),
      invalidatesTags: ['Accounts', 'Sales'],
    }),
    currentShift: build.query<Output<'shifts.current'>, void>({
      query: () => call('shifts.current'),
      providesTags: ['Sales'],
    }),
    closeShift: build.mutation<Output<'shifts.close'>, MethodInput<'shifts.close'>>({
      query: (input) => call('shifts.close', input),
      invalidatesTags: ['Sales'],
    }),
    shiftReport: build.mutation<Output<'shifts.report'>, MethodInput<'shifts.report'>>({
      query: (input) => call('shifts.report', input),
    }),
    dailyReport: build.query<Output<'reports.daily'>, string>({
      query: (date) => call('reports.daily', { date }),
      providesTags: ['Sales'],
    }),
    dailyReportFile: build.mutation<Output<'reports.dailyFile'>, MethodInput<'reports.dailyFile'>>({
      query: (input) => call('reports.dailyFile', input),
    }),
    printReceipt: build.mutation<Output<'receipts.print'>, MethodInput<'receipts.print'>>({
      query: (input) => call('receipts.print', input),
    }),
    insertTrainingCard: build.mutation<Output<'training.insertCard'>, number>({
      query: (accountId) => call('training.insertCard', { accountId }),
      invalidatesTags: ['Accounts'],
    }),
  }),
});

export const {
  useSearchCustomersQuery,
  useCreateCustomerMutation,
  useAccountsForCustomerQuery,
  useLazyFindMetersQuery,
  useRegisterMeterMutation,
  useOpenAccountMutation,
  useTariffsQuery,
  useCreateTariffMutation,
  useSellMutation,
  useSalesQuery,
  useInsertTrainingCardMutation,
  usePrintReceiptMutation,
  useReverseSaleMutation,
  useCurrentShiftQuery,
  useCloseShiftMutation,
  useShiftReportMutation,
  useDailyReportQuery,
  useDailyReportFileMutation,
} = ledgerApi;
