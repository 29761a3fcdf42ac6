// Ledger endpoints: customers, meters, tariffs, accounts, sales, refunds, shifts and reports.
import { api, fromContract } from '../../app/api';

export const ledgerApi = api.injectEndpoints({
  endpoints: (build) => {
    const { query, mutation } = fromContract(build);
    return {
      searchCustomers: query('customers.search'),
      createCustomer: mutation('customers.create'),
      importCustomers: mutation('customers.import', {
        // A file refused whole changed nothing.
        invalidatesTags: (result) => (result?.imported ? ['customers', 'accounts', 'meters'] : []),
      }),
      importTemplate: mutation('customers.importTemplate'),
      accountsForCustomer: query('accounts.forCustomer'),
      customer: query('customers.get'),
      registerMeter: mutation('meters.register'),
      openAccount: mutation('accounts.open'),
      tariffs: query('tariffs.list'),
      createTariff: mutation('tariffs.create'),
      scheduleTariff: mutation('tariffs.schedule'),
      sell: mutation('sales.sell'),
      sales: query('sales.list'),
      reverseSale: mutation('sales.reverse'),
      currentShift: query('shifts.current'),
      closeShift: mutation('shifts.close'),
      shiftReport: mutation('shifts.report'),
      salesReport: query('reports.sales'),
      salesReportFile: mutation('reports.salesFile'),
      tariffHistoryFile: mutation('reports.tariffHistoryFile'),
      reportOperators: query('reports.operators'),
      lowBalance: query('reports.lowBalance'),
      suspendAccount: mutation('accounts.suspend'),
      resumeAccount: mutation('accounts.resume'),
      closeAccount: mutation('accounts.close'),
      keepPower: mutation('accounts.keepPower'),
      replaceMeter: mutation('accounts.replaceMeter'),
      refund: mutation('refunds.create'),
      printReceipt: mutation('receipts.print'),
    };
  },
});

export const {
  useSearchCustomersQuery,
  useCreateCustomerMutation,
  useImportCustomersMutation,
  useImportTemplateMutation,
  useAccountsForCustomerQuery,
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
