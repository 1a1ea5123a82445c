using LowLatency.Ipc;

namespace LowLatency.Bridge.Engine;

/// <summary>The engine strategies' latest decisions per instrument, oldest first, the last 200 of each. Called under <see cref="ReadModel"/>'s lock.</summary>
internal sealed class EngineSignalLog
{
    private const int PerInstrument = 200;
    private readonly Dictionary<int, List<EngineSignal>> _signals = [];

    public IReadOnlyList<EngineSignal> For(int instrumentId) => _signals.TryGetValue(instrumentId, out var list) ? [.. list] : [];

    public void Add(EngineSignal signal)
    {
        if (!_signals.TryGetValue(signal.InstrumentId, out var list))
        {
            _signals[signal.InstrumentId] = list = [];
        }

        list.Add(signal);
        if (list.Count > PerInstrument)
        {
            list.RemoveAt(0);
        }
    }
}
