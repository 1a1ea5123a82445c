namespace LowLatency.Ipc;

/// <summary>A strategy's decision in the engine (a <see cref="FrameType.Signal"/> frame, JSON): direction <c>long</c>, <c>short</c> or <c>flat</c>.</summary>
public sealed record EngineSignal(string Strategy, int InstrumentId, string Direction, double Confidence, double Price, double StopDistance, double TakeDistance, double Atr, long TimeMs);
