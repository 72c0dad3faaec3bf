/**
 * Test mail written in 2024 (the fixtures) moved forward in time: the add-on keeps what it
 * notes of a notice for a limited time (12 months by default), so a notice dated years ago
 * would be dropped as soon as it is found. Every RFC 5322 date in the text is shifted by the
 * same whole number of days, so that 1 June 2024 falls `daysAgo` days before now: the order
 * and spacing of the dates, their time of day and time zone are kept.
 */
const DATE = /\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{1,2}) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2})/g;
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MS = 86_400_000;
const ANCHOR = Date.UTC(2024, 5, 1);

const two = (n: number): string => String(n).padStart(2, "0");

export function withRecentDates(raw: string, daysAgo = 2, now: Date = new Date()): string {
  const shiftDays = Math.floor((now.getTime() - daysAgo * DAY_MS - ANCHOR) / DAY_MS);
  return raw.replace(DATE, (match, d: string, mon: string, y: string, hh: string, mm: string, ss: string, sign: string, zh: string, zm: string) => {
    const month = MONTHS.indexOf(mon);
    // The date as written (wall clock in its zone), moved by whole days: same clock, same zone.
    const wall = new Date(Date.UTC(Number(y), month, Number(d) + shiftDays, Number(hh), Number(mm), Number(ss)));
    if (Number.isNaN(wall.getTime())) return match;
    return `${DAYS[wall.getUTCDay()] ?? "Mon"}, ${wall.getUTCDate()} ${MONTHS[wall.getUTCMonth()] ?? "Jan"} ${wall.getUTCFullYear()} ${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())} ${sign}${zh}${zm}`;
  });
}
