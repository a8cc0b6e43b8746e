// Reads healthstream's output topics back from the beginning with Confluent's Node clients: a
// kafkajs consumer (read_committed, the kafkajs default) and @confluentinc/schemaregistry's
// AvroDeserializer. Stops when every topic has at least the expected number of records (or after
// 60 s) and writes OUT_DIR/<topic>.jsonl, one deserialized value per line (timestamps as epoch millis).
// Usage: node read-outputs.js BOOTSTRAP_SERVERS SCHEMA_REGISTRY_URL OUT_DIR topic=count [topic=count ...]
'use strict';
const fs = require('fs');
const path = require('path');
const { Kafka, logLevel } = require('kafkajs');
const { SchemaRegistryClient, AvroDeserializer, SerdeType } = require('@confluentinc/schemaregistry');

const DEADLINE_MS = 60_000;

async function main([bootstrap, registryUrl, outDir, ...expectations]) {
  const expected = new Map(expectations.map((e) => e.split('=')).map(([t, n]) => [t, Number(n)]));
  const records = new Map([...expected.keys()].map((topic) => [topic, []]));
  const deserializer = new AvroDeserializer(new SchemaRegistryClient({ baseURLs: [registryUrl] }), SerdeType.VALUE, {});
  const kafka = new Kafka({ clientId: 'node-interop-reader', brokers: bootstrap.split(','), logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: `node-interop-${process.pid}`, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [...expected.keys()], fromBeginning: true });
  const done = new Promise((resolve) => {
    const timer = setTimeout(resolve, DEADLINE_MS);
    consumer.run({
      eachMessage: async ({ topic, message }) => {
        records.get(topic).push(await deserializer.deserialize(topic, message.value));
        if ([...expected].every(([t, n]) => records.get(t).length >= n)) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await done;
  await consumer.disconnect();
  fs.mkdirSync(outDir, { recursive: true });
  for (const [topic, values] of records) {
    fs.writeFileSync(path.join(outDir, `${topic}.jsonl`), values.map((v) => JSON.stringify(v) + '\n').join(''));
  }
  console.log([...records].map(([t, v]) => `${t}=${v.length}`).join(' '));
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`read failed: ${error.message}`);
  process.exit(1);
});
