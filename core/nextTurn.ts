// One turn of the event loop: long work (a report's rows, a workbook's inflating) pauses here so
// the other tills' calls run between its steps.
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
