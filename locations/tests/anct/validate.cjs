// Reads our JSON export on stdin and builds each record with the ANCT's model library, the
// way the national map ingests it. Prints {checked, errors: [{id, nom, error}]}.
const fs = require("fs");
const { fromSchemaLieuDeMediationNumerique } = require("@gouvfr-anct/lieux-de-mediation-numerique");

const records = JSON.parse(fs.readFileSync(0, "utf8"));
const errors = [];
for (const record of records) {
  try {
    fromSchemaLieuDeMediationNumerique(record);
  } catch (error) {
    errors.push({ id: record.id, nom: record.nom, error: `${error.name}: ${error.message}` });
  }
}
process.stdout.write(JSON.stringify({ checked: records.length, errors }));
