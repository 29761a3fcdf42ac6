// Printing settings (打印设置): receipt paper, printer, pre-printed form positions.
import { injectFromContract } from '../../app/api';

export const printingApi = injectFromContract(({ query, mutation }) => ({
  printingSettings: query('printing.settings'),
  updatePrintingSettings: mutation('printing.updateSettings'),
  printers: query('printing.printers'),
  formCalibration: mutation('printing.formCalibration'),
}));

export const {
  usePrintingSettingsQuery,
  useUpdatePrintingSettingsMutation,
  usePrintersQuery,
  useFormCalibrationMutation,
} = printingApi;
