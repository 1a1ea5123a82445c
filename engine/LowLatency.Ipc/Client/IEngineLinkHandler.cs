using LowLatency.Analytics;
using LowLatency.Engine.Commands;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.State;

namespace LowLatency.Ipc.Client;

/// <summary>What the bridge does with the engine's stream. Called on the link's read loop, one call at a time.</summary>
public interface IEngineLinkHandler
{
    void OnConnected(long engineSequence);

    /// <summary>The whole state: replaces whatever the bridge held (a resync).</summary>
    void OnSnapshot(StateSnapshot snapshot);

    void OnRecord(in TradingRecord record);

    void OnQuote(in Tick tick);

    void OnCommandResult(in CommandResult result);

    void OnDisconnected(string reason);

    /// <summary>The engine's figures of its last status interval.</summary>
    void OnStats(EngineStats stats);

    /// <summary>A strategy's decision in the engine.</summary>
    void OnSignal(EngineSignal signal);

    /// <summary>A closed one-minute bar from the engine (every tick counted).</summary>
    void OnBar(int instrumentId, in OhlcvBar bar);
}
