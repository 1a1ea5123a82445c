using System.Runtime.CompilerServices;
using LowLatency.Engine.Commands;
using LowLatency.Engine.Risk;

namespace LowLatency.Engine.State;

/// <summary>
/// Durability before effects: with a journal attached, the records and command results of a batch are held
/// until <see cref="Commit"/> has made the batch durable (per the fsync policy), and only then reach the
/// listener (the bridge's acknowledgements) and the venue (<see cref="Execution.IVenue.OnDurable"/>). With a
/// syncer beside the trading thread (<see cref="SyncBeside"/>), <see cref="Commit"/> only writes the batch to the
/// OS: orders leave at once (<see cref="JournalOptions.BeforeSend"/> written), acknowledgements and the venue's
/// confirmations of applied reports wait for <see cref="OnJournalSynced"/>, so nothing on the trading thread waits
/// for the disk. And a fault: an exception in the code that changes the state of record halts trading at once,
/// journalled.
/// </summary>
public sealed partial class TradingCore
{
    private readonly PendingEffects _effects = new();
    private readonly PendingEffects _confirmations = new();
    private bool _syncBeside;
    private bool _ackWhenWritten;

    /// <summary>Set when the code that changes the state of record threw: memory may differ from the journal, so nothing more is decided until a restart replays it.</summary>
    public bool Faulted => FaultReason is not null;

    /// <summary>What threw, for the log, health and status; null while healthy.</summary>
    public string? FaultReason { get; private set; }

    /// <summary>
    /// From now on the journal syncs beside the trading thread and reports it through <see cref="OnJournalSynced"/>
    /// (the journal's <see cref="ITradingJournal.Write"/>); <paramref name="beforeAck"/> says whether the listener
    /// hears a batch once written or once synced. Orders leave once written (the venue's confirmations of applied
    /// reports always wait for the sync: a crash must make the venue resend what the journal lost).
    /// </summary>
    public void SyncBeside(Journal.DurabilityPoint beforeAck)
    {
        _syncBeside = true;
        _ackWhenWritten = beforeAck == Journal.DurabilityPoint.Written;
    }

    /// <summary>Ends a batch: the journal makes the batch's records durable (or, syncing beside, written), then their effects leave the engine.</summary>
    public void Commit()
    {
        if (!_syncBeside || _journal is null)
        {
            _journal?.Commit();
            _effects.DeliverTo(_listener);
            _confirmations.DeliverTo(null, _venue);
            _venue.OnDurable();
            return;
        }

        var written = _journal.Write();
        _effects.Seal(written);
        _confirmations.Seal(written);
        _venue.OnDurable(); // the orders of the batch go now; the reports it confirms are those already synced
        var durable = _journal.DurablePosition;
        Released(_ackWhenWritten ? long.MaxValue : durable, durable);
    }

    /// <summary>The journal is synced up to <paramref name="position"/> (the syncer's word, through the ring): what waited for it leaves.</summary>
    public void OnJournalSynced(long position)
    {
        if (_syncBeside)
        {
            Released(position, position);
        }
    }

    private void Released(long acknowledged, long confirmed)
    {
        _effects.DeliverThrough(acknowledged, _listener);
        if (_confirmations.DeliverThrough(confirmed, null, _venue) > 0)
        {
            _venue.OnDurable(); // confirms the reports just released to the venue's session
        }
    }

    /// <summary>A venue report applied: confirmed to the venue once its records are synced (at once when nothing journals).</summary>
    private void Confirm(in Execution.VenueReport report)
    {
        if (_journal is null)
        {
            _venue.Applied(report);
        }
        else
        {
            _confirmations.Add(report);
        }
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
