// #region crossing
export function crossing(minutes: number): string {
  return `${minutes} minutes to the island`;
}
// #endregion crossing
