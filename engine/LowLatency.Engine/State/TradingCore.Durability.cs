using System.Runtime.CompilerServices;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// Durability before effects: with a journal attached, the records and command results of a batch are held
/// until <see cref="Commit"/> has made the batch durable (per the fsync policy), and only then reach the
/// listener (the bridge's acknowledgements) and the venue (<see cref="Execution.IVenue.OnDurable"/>). And a
/// fault: an exception in the code that changes the state of record halts trading at once, journalled.
/// </summary>
public sealed partial class TradingCore
{
    private readonly PendingEffects _effects = new();

    /// <summary>Set when the code that changes the state of record threw: memory may differ from the journal, so nothing more is decided until a restart replays it.</summary>
    public bool Faulted => FaultReason is not null;

    /// <summary>What threw, for the log, health and status; null while healthy.</summary>
    public string? FaultReason { get; private set; }

    /// <summary>Ends a batch: the journal makes the batch's records durable, then their effects leave the engine.</summary>
    public void Commit()
    {
        _journal?.Commit();
        _effects.DeliverTo(_listener);
        _venue.OnDurable();
    }

    /// <summary>
    /// Halts trading after an exception in the state-of-record path: journals a halt (reason
    /// <see cref="StatusReason.Fault"/>, so it survives the restart that must follow), delivers it, and refuses
    /// every later command and quote. The next start replays the journal: one recovery path.
    /// </summary>
    public void Fault(Exception error, long timeMs)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (Faulted)
        {
            return;
        }

        FaultReason = $"{error.GetType().Name}: {error.Message}";
        var halt = new TradingRecord { Type = RecordType.StatusChanged, TimeMs = timeMs, Status = (byte)TradingStatus.Halted, Reason = (byte)StatusReason.Fault, Flag = KillSwitch };
        try
        {
            Emit(ref halt);
            Commit();
        }
        catch (IOException)
        {
            // The journal itself failed: halt in memory and say so; the restart that must follow replays what is on disk.
            if (Status != TradingStatus.Halted)
            {
                Apply(halt);
            }

            _listener?.OnRecord(halt);
        }
    }

    // Without a journal there is nothing to wait for: effects leave at once. With one, they wait for Commit.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Deliver(in TradingRecord record)
    {
        if (_journal is null)
        {
            _listener?.OnRecord(record);
        }
        else if (_listener is not null)
        {
            _effects.Add(record);
        }
    }

    private void Deliver(in CommandResult result)
    {
        if (_journal is null)
        {
            _listener?.OnCommandResult(result);
        }
        else if (_listener is not null)
        {
            _effects.Add(result);
        }
    }
}
