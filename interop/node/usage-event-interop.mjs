// Confluent's own Node serde on the other side of healthstream's Java serde, over a real registry.
//   node usage-event-interop.mjs produce <registry-url> <topic>
//     registers schemas/UsageEvent.avsc under <topic>-value, prints one base64 record per line
//   node usage-event-interop.mjs consume <registry-url> <topic> <base64>...
//     prints each record as one line of JSON
import { readFile } from 'node:fs/promises';
import {
  AvroDeserializer,
  AvroSerializer,
  PrefixSchemaIdSerializer,
  SchemaRegistryClient,
  SerdeType,
} from '@confluentinc/schemaregistry';

const SCHEMA_FILE = new URL('../../schemas/UsageEvent.avsc', import.meta.url);

// Known values the Java side asserts field for field; occurred_at is epoch millis (timestamp-millis).
const EVENTS = [
  {
    event_id: 'node-evt-1', account_id: 'acc-node', user_id: 'user-7', occurred_at: 1767225600123,
    action: 'onboarding_step_completed', count: 3, onboarding_step: 'workspace_created',
  },
  {
    event_id: 'node-evt-2', account_id: 'acc-node', user_id: 'user-8', occurred_at: 1767225660456,
    action: 'login', count: 1, onboarding_step: null,
  },
];

async function produce(client, topic) {
  const schema = await readFile(SCHEMA_FILE, 'utf8');
  await client.register(`${topic}-value`, { schemaType: 'AVRO', schema }, false);
  // Without useLatestVersion the serializer would derive a schema from the object (Record1, ...);
  // the prefix placement (magic byte 0 + 4-byte id) is the default, named here to make it explicit.
  const serializer = new AvroSerializer(client, SerdeType.VALUE, {
    autoRegisterSchemas: false,
    useLatestVersion: true,
    schemaIdSerializer: PrefixSchemaIdSerializer,
  });
  for (const event of EVENTS) {
    const bytes = await serializer.serialize(topic, event);
    console.log(bytes.toString('base64'));
  }
}

async function consume(client, topic, payloads) {
  const deserializer = new AvroDeserializer(client, SerdeType.VALUE, {});
  for (const payload of payloads) {
    const event = await deserializer.deserialize(topic, Buffer.from(payload, 'base64'));
    console.log(JSON.stringify(event));
  }
}

const [mode, registryUrl, topic, ...payloads] = process.argv.slice(2);
if (!['produce', 'consume'].includes(mode) || !registryUrl || !topic) {
  console.error('usage: usage-event-interop.mjs produce|consume <registry-url> <topic> [base64...]');
  process.exit(2);
}
const client = new SchemaRegistryClient({ baseURLs: [registryUrl], maxRetries: 0 });
try {
  await (mode === 'produce' ? produce(client, topic) : consume(client, topic, payloads));
} catch (error) {
  // Axios errors print their whole request; the message and the registry's answer say enough.
  console.error(`${mode} failed: ${error.message}`, error.response?.data ?? '');
  process.exitCode = 1;
}
