// Inspection (用电检查): the findings, their acknowledgement, and the printable report.
import { api, fromContract } from '../../app/api';

export const inspectionApi = api.injectEndpoints({
  endpoints: (build) => {
    const { query, mutation } = fromContract(build);
    return {
      findings: query('inspection.list'),
      acknowledgeFinding: mutation('inspection.acknowledge'),
      inspectionReport: mutation('inspection.reportFile'),
    };
  },
});

export const { useFindingsQuery, useAcknowledgeFindingMutation, useInspectionReportMutation } =
  inspectionApi;
