/** Deadlines in words, for the overview: "3 days overdue", "due tomorrow", "61 hours left". */

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** From whole UTC days left (0 on the day, negative when overdue). */
export function dueInWords(daysLeft: number): string {
  if (daysLeft < 0) return `${plural(-daysLeft, "day")} overdue`;
  if (daysLeft === 0) return "due today";
  if (daysLeft === 1) return "due tomorrow";
  return `due in ${daysLeft} days`;
}

/** From whole hours left on a 72-hour clock (negative when past it); in days beyond 72 hours. */
export function clockInWords(hoursLeft: number): string {
  const late = hoursLeft < 0;
  const hours = late ? -hoursLeft : hoursLeft;
  const amount = hours > 72 ? plural(Math.floor(hours / 24), "day") : plural(hours, "hour");
  return late ? `${amount} overdue` : `${amount} left`;
}
