/** Every UTC day from `from` to `to` (YYYY-MM-DD), at most `limit` of them. */
export const daysBetween = (from: string, to: string, limit = 1000): string[] => {
  const days: string[] = [];
  const day = new Date(`${from}T00:00:00Z`);
  const end = new Date(`${to}T00:00:00Z`);
  while (day <= end && days.length < limit) {
    days.push(day.toISOString().slice(0, 10));
    day.setUTCDate(day.getUTCDate() + 1);
  }
  return days;
};
