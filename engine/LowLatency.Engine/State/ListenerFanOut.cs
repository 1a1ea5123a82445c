using LowLatency.Engine.Commands;

namespace LowLatency.Engine.State;

/// <summary>
/// Several listeners on the trading core, called in the order given: the core holds one listener so its hot path
/// stays a single interface call when only the link listens, and this is how the link and the command responder
/// both hear it. Each listener keeps the contract of one: copy, never wait.
/// </summary>
public sealed class ListenerFanOut(params ITradingListener[] listeners) : ITradingListener
{
    private readonly ITradingListener[] _listeners = [.. listeners];

    /// <summary>Null for none, the listener itself for one, a fan-out for more.</summary>
    public static ITradingListener? Of(IEnumerable<ITradingListener?> listeners)
    {
        ITradingListener[] present = [.. listeners.OfType<ITradingListener>()];
        return present.Length switch
        {
            0 => null,
            1 => present[0],
            _ => new ListenerFanOut(present),
        };
    }

    public void OnRecord(in TradingRecord record)
    {
        foreach (var listener in _listeners)
        {
            listener.OnRecord(record);
        }
    }

    public void OnCommandResult(in CommandResult result)
    {
        foreach (var listener in _listeners)
        {
            listener.OnCommandResult(result);
        }
    }

    public void OnSnapshot(StateSnapshot snapshot)
    {
        foreach (var listener in _listeners)
        {
            listener.OnSnapshot(snapshot);
        }
    }
}
