// What training mode brings besides simulated cards and meters: a dorm building to practise on.
// Its boxes are simulated ADF300s in the training meter room, at the station numbers the Acrel
// ADF400L manual gives a box (1, 37, …; single-phase circuits 1 apart): public addressing, used
// for the ADF300 as for our simulated box (decision 0034).

/** The training dorm: the campus and building the training office starts with, and its boxes. */
export const TRAINING_DORM = {
  campus: '培训校区',
  building: '1号楼',
  boxes: [
    { meterNo: '000000900001', circuits: 36 },
    { meterNo: '000000900037', circuits: 36 },
  ],
} as const;

/** The simulated meters' password, so a trainee can also trip and close relays and push settings. */
export const TRAINING_METER_PASSWORD = '02123456';
