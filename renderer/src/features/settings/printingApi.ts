// Printing settings (打印设置): receipt paper, printer, pre-printed form positions.
import { api, call, type Output } from '../../app/api';
import type { MethodInput } from '../../../../shared/api/contract';

export const printingApi = api.injectEndpoints({
  endpoints: (build) => ({
    printingSettings: build.query<Output<'printing.settings'>, void>({
      query: () => call('printing.settings', {}),
      providesTags: ['Printing'],
    }),
    updatePrintingSettings: build.mutation<
      Output<'printing.updateSettings'>,
      MethodInput<'printing.updateSettings'>
    >({
      query: (input) => call('printing.updateSettings', input),
      invalidatesTags: ['Printing'],
    }),
    printers: build.query<Output<'printing.printers'>, void>({
      query: () => call('printing.printers', {}),
    }),
    formCalibration: build.mutation<
      Output<'printing.formCalibration'>,
      MethodInput<'printing.formCalibration'>
    >({
      query: (input) => call('printing.formCalibration', input),
    }),
  }),
});

export const {
  usePrintingSettingsQuery,
  useUpdatePrintingSettingsMutation,
  usePrintersQuery,
  useFormCalibrationMutation,
} = printingApi;
