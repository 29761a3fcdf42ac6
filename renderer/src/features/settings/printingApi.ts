// Printing settings (打印设置): receipt paper, printer, pre-printed form positions.
import { api, fromContract } from '../../app/api';

export const printingApi = api.injectEndpoints({
  endpoints: (build) => {
    const { query, mutation } = fromContract(build);
    return {
      printingSettings: query('printing.settings'),
      updatePrintingSettings: mutation('printing.updateSettings'),
      printers: query('printing.printers'),
      formCalibration: mutation('printing.formCalibration'),
    };
  },
});

export const {
  usePrintingSettingsQuery,
  useUpdatePrintingSettingsMutation,
  usePrintersQuery,
  useFormCalibrationMutation,
} = printingApi;
