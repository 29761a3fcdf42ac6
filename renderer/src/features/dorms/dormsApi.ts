// Dorms (宿舍): the campus's places, 集体开户, and the boxes' controls (pushed as batches).
import { injectFromContract } from '../../app/api';

export const dormsApi = injectFromContract(({ query, mutation }) => ({
  dormTree: query('dorms.tree'),
  dormRooms: query('dorms.rooms'),
  createCampus: mutation('dorms.createCampus'),
  createBuilding: mutation('dorms.createBuilding'),
  openRooms: mutation('dorms.openRooms'),
  pushControls: mutation('dorms.pushControls'),
  forceRoom: mutation('dorms.force'),
  roomControls: query('dorms.controls'),
  importRooms: mutation('dorms.importRooms'),
  campusCalendar: query('dorms.calendar'),
  dormReport: query('dorms.report'),
  moveOut: mutation('dorms.moveOut'),
  roomStudents: query('dorms.students'),
  moveIn: mutation('dorms.moveIn'),
  moveOutStudent: mutation('dorms.moveOutStudent'),
  reopenRooms: mutation('dorms.reopenRooms'),
  setCalendarDay: mutation('dorms.setCalendarDay'),
  roomsTemplate: mutation('dorms.roomsTemplate'),
}));

export const {
  useDormTreeQuery,
  useDormRoomsQuery,
  useCreateCampusMutation,
  useCreateBuildingMutation,
  useOpenRoomsMutation,
  usePushControlsMutation,
  useForceRoomMutation,
  useLazyRoomControlsQuery,
  useImportRoomsMutation,
  useCampusCalendarQuery,
  useDormReportQuery,
  useMoveOutMutation,
  useRoomStudentsQuery,
  useMoveInMutation,
  useMoveOutStudentMutation,
  useReopenRoomsMutation,
  useSetCalendarDayMutation,
  useRoomsTemplateMutation,
} = dormsApi;
