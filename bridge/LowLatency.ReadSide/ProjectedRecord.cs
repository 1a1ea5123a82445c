using LowLatency.Engine.State;

namespace LowLatency.ReadSide;

/// <summary>One journal record off the stream: decoded, and its bytes as published.</summary>
public readonly record struct ProjectedRecord(TradingRecord Record, byte[] Payload);
