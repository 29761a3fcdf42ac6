// Dorms (宿舍): the campus's places and 集体开户.
import { injectFromContract } from '../../app/api';

export const dormsApi = injectFromContract(({ query, mutation }) => ({
  dormTree: query('dorms.tree'),
  dormRooms: query('dorms.rooms'),
  createCampus: mutation('dorms.createCampus'),
  createBuilding: mutation('dorms.createBuilding'),
  openRooms: mutation('dorms.openRooms'),
}));

export const {
  useDormTreeQuery,
  useDormRoomsQuery,
  useCreateCampusMutation,
  useCreateBuildingMutation,
  useOpenRoomsMutation,
} = dormsApi;
