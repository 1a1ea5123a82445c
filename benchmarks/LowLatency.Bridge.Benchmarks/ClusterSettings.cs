namespace LowLatency.Bridge.Benchmarks;

/// <summary>The servers a cluster system under test runs on: NATS with JetStream and PostgreSQL.</summary>
internal sealed record ClusterSettings(string Nats, string Database);
