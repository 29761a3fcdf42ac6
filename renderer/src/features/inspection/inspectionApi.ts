// Inspection (用电检查): the findings, their acknowledgement, and the printable report.
import { injectFromContract } from '../../app/api';

export const inspectionApi = injectFromContract(({ query, mutation }) => ({
  findings: query('inspection.list'),
  acknowledgeFinding: mutation('inspection.acknowledge'),
  inspectionReport: mutation('inspection.reportFile'),
}));

export const { useFindingsQuery, useAcknowledgeFindingMutation, useInspectionReportMutation } =
  inspectionApi;
