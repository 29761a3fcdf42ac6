// Inspection (用电检查): the findings, their acknowledgement, and the printable report.
import type { MethodInput } from '../../../../shared/api/contract';
import { call, type Output } from '../../app/api';
import { cardsApi } from '../cards/cardsApi';

// On the cards slice, which owns the 'Findings' tag: reading a card brings findings in.
export const inspectionApi = cardsApi.injectEndpoints({
  endpoints: (build) => ({
    findings: build.query<Output<'inspection.list'>, MethodInput<'inspection.list'>>({
      query: (input) => call('inspection.list', input),
      providesTags: ['Findings'],
    }),
    acknowledgeFinding: build.mutation<
      Output<'inspection.acknowledge'>,
      MethodInput<'inspection.acknowledge'>
    >({
      query: (input) => call('inspection.acknowledge', input),
      invalidatesTags: ['Findings'],
    }),
    inspectionReport: build.mutation<
      Output<'inspection.reportFile'>,
      MethodInput<'inspection.reportFile'>
    >({
      query: (input) => call('inspection.reportFile', input),
    }),
  }),
});

export const { useFindingsQuery, useAcknowledgeFindingMutation, useInspectionReportMutation } =
  inspectionApi;
