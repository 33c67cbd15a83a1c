// Reads {from, to, values} on stdin and reads each OSM opening_hours value with the reference
// library (opening_hours.js), French public holidays included. Prints {value: [[start, end]...]}
// (wall-clock times, ISO without zone: run with TZ=UTC) or {value: {error}}.
const fs = require("fs");
const OpeningHours = require("opening_hours");

const { from, to, values } = JSON.parse(fs.readFileSync(0, "utf8"));
const where = { lat: 48.85, lon: 2.35, address: { country_code: "fr", state: "Île-de-France" } };
const wall = (date) => date.toISOString().slice(0, 16);
const result = {};
for (const value of values) {
  try {
    const hours = new OpeningHours(value, where);
    result[value] = hours.getOpenIntervals(new Date(from), new Date(to)).map(([start, end]) => [wall(start), wall(end)]);
  } catch (error) {
    result[value] = { error: String(error) };
  }
}
process.stdout.write(JSON.stringify(result));
