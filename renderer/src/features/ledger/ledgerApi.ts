// Ledger endpoints: customers, meters, tariffs, accounts, sales, refunds, shifts and reports.
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
    importCustomers: build.mutation<Output<'customers.import'>, MethodInput<'customers.import'>>({
      query: (input) => call('customers.import', input),
      invalidatesTags: (result) => (result?.imported ? ['Customers', 'Accounts', 'Meters'] : []),
    }),
    importTemplate: build.mutation<
      Output<'customers.importTemplate'>,
      MethodInput<'customers.importTemplate'>
    >({
      query: (input) => call('customers.importTemplate', input),
    }),
    accountsForCustomer: build.query<Output<'accounts.forCustomer'>, number>({
      query: (customerId) => call('accounts.forCustomer', { customerId }),
      providesTags: ['Accounts'],
    }),
    customer: build.query<Output<'customers.get'>, number>({
      query: (id) => call('customers.get', { id }),
      providesTags: ['Customers'],
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
    scheduleTariff: build.mutation<Output<'tariffs.schedule'>, MethodInput<'tariffs.schedule'>>({
      query: (input) => call('tariffs.schedule', input),
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
    salesReport: build.query<Output<'reports.sales'>, MethodInput<'reports.sales'>>({
      query: (input) => call('reports.sales', input),
      providesTags: ['Sales'],
    }),
    salesReportFile: build.mutation<Output<'reports.salesFile'>, MethodInput<'reports.salesFile'>>({
      query: (input) => call('reports.salesFile', input),
    }),
    tariffHistoryFile: build.mutation<
      Output<'reports.tariffHistoryFile'>,
      MethodInput<'reports.tariffHistoryFile'>
    >({
      query: (input) => call('reports.tariffHistoryFile', input),
    }),
    reportOperators: build.query<Output<'reports.operators'>, void>({
      query: () => call('reports.operators', {}),
    }),
    lowBalance: build.query<Output<'reports.lowBalance'>, number>({
      query: (thresholdFen) => call('reports.lowBalance', { thresholdFen }),
      providesTags: ['Accounts'],
    }),
    suspendAccount: build.mutation<Output<'accounts.suspend'>, MethodInput<'accounts.suspend'>>({
      query: (input) => call('accounts.suspend', input),
      invalidatesTags: ['Accounts', 'Sales'],
    }),
    resumeAccount: build.mutation<Output<'accounts.resume'>, MethodInput<'accounts.resume'>>({
      query: (input) => call('accounts.resume', input),
      invalidatesTags: ['Accounts'],
    }),
    closeAccount: build.mutation<Output<'accounts.close'>, MethodInput<'accounts.close'>>({
      query: (input) => call('accounts.close', input),
      invalidatesTags: ['Accounts', 'Sales', 'Meters'],
    }),
    keepPower: build.mutation<Output<'accounts.keepPower'>, MethodInput<'accounts.keepPower'>>({
      query: (input) => call('accounts.keepPower', input),
      invalidatesTags: ['Accounts', 'Meters'],
    }),
    replaceMeter: build.mutation<
      Output<'accounts.replaceMeter'>,
      MethodInput<'accounts.replaceMeter'>
    >({
      query: (input) => call('accounts.replaceMeter', input),
      invalidatesTags: ['Accounts', 'Meters', 'Customers'],
    }),
    refund: build.mutation<Output<'refunds.create'>, MethodInput<'refunds.create'>>({
      query: (input) => call('refunds.create', input),
      invalidatesTags: ['Accounts', 'Sales'],
    }),
    printReceipt: build.mutation<Output<'receipts.print'>, MethodInput<'receipts.print'>>({
      query: (input) => call('receipts.print', input),
    }),
  }),
});

export const {
  useSearchCustomersQuery,
  useCreateCustomerMutation,
  useImportCustomersMutation,
  useImportTemplateMutation,
  useAccountsForCustomerQuery,
  useLazyFindMetersQuery,
  useLazyCustomerQuery,
  useRegisterMeterMutation,
  useOpenAccountMutation,
  useTariffsQuery,
  useCreateTariffMutation,
  useScheduleTariffMutation,
  useSellMutation,
  useSalesQuery,
  usePrintReceiptMutation,
  useReverseSaleMutation,
  useCurrentShiftQuery,
  useCloseShiftMutation,
  useShiftReportMutation,
  useSalesReportQuery,
  useReportOperatorsQuery,
  useTariffHistoryFileMutation,
  useSalesReportFileMutation,
  useLowBalanceQuery,
  useSuspendAccountMutation,
  useResumeAccountMutation,
  useCloseAccountMutation,
  useKeepPowerMutation,
  useRefundMutation,
  useReplaceMeterMutation,
} = ledgerApi;
