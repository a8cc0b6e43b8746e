// Publishes healthstream input events from a JSON-lines file ({"topic": ..., "value": {...}}) with
// Confluent's Node clients: kafkajs (idempotent producer) and @confluentinc/schemaregistry's
// AvroSerializer (Confluent wire format, the latest registered schema of <topic>-value).
// A line whose value does not fit the schema is sent as its raw bytes, like a broken producer would.
// Usage: node publish.js BOOTSTRAP_SERVERS SCHEMA_REGISTRY_URL EVENTS_FILE
'use strict';
const fs = require('fs');
const avsc = require('avsc');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistryClient, AvroSerializer, SerdeType } = require('@confluentinc/schemaregistry');

async function main([bootstrap, registryUrl, eventsFile]) {
  const registry = new SchemaRegistryClient({ baseURLs: [registryUrl] });
  const serializer = new AvroSerializer(registry, SerdeType.VALUE, { useLatestVersion: true });
  const types = new Map();
  const kafka = new Kafka({ clientId: 'node-interop-publisher', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  let published = 0;
  for (const line of fs.readFileSync(eventsFile, 'utf8').split('\n').filter((l) => l.trim() !== '')) {
    const { topic, value } = JSON.parse(line);
    const type = await typeOf(registry, types, topic);
    const record = asAvro(type, value);
    const bytes = record === null ? Buffer.from(line, 'utf8') : await serializer.serialize(topic, record);
    await producer.send({ topic, messages: [{ key: value.account_id ?? null, value: bytes }] });
    published++;
  }
  await producer.disconnect();
  console.log(`published ${published} events`);
}

/** The topic's latest registered schema as an avsc type, plus the names of its timestamp-millis fields. */
async function typeOf(registry, types, topic) {
  if (!types.has(topic)) {
    const schema = JSON.parse((await registry.getLatestSchemaMetadata(`${topic}-value`)).schema);
    const timestamps = schema.fields.filter((f) => f.type.logicalType === 'timestamp-millis').map((f) => f.name);
    types.set(topic, { avro: avsc.Type.forSchema(schema), timestamps });
  }
  return types.get(topic);
}

/** The event as avsc wants it: ISO timestamps as epoch millis, omitted optional fields as their defaults. */
function asAvro(type, value) {
  const copy = { ...value };
  for (const field of type.avro.fields) {
    const v = copy[field.name];
    if (typeof v === 'string' && type.timestamps.includes(field.name)) {
      copy[field.name] = Date.parse(v);
    } else if (v === undefined && field.defaultValue() !== undefined) {
      copy[field.name] = field.defaultValue();
    }
  }
  return type.avro.isValid(copy) ? copy : null;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`publish failed: ${error.message}`);
  process.exit(1);
});
