using System.Text.Json;
using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>
/// Where trading state lives on disk (<c>--data-dir</c>, else <c>LL_DATA_DIR</c>, else <c>./data</c>): the
/// journal (<c>journal/trading.journal</c>) and snapshots (<c>snapshots/snapshot-SEQ.json</c>, checksummed,
/// written off the trading thread by a <see cref="SnapshotWriter"/>). On start it restores the newest snapshot
/// that verifies, replays the journal's later records, and truncates a torn tail. It refuses to start — a
/// <see cref="JournalCorruptException"/> naming file, offset and sequence — on corruption in the middle of the
/// journal, a gap in the sequence, or a snapshot the journal does not agree with: never a silent wrong state.
/// While running it is the core's <see cref="ITradingJournal"/>.
/// </summary>
public sealed class TradingStore : ITradingJournal, IDisposable
{
    private readonly JournalOptions _options;
    private readonly byte[] _buffer = new byte[RecordCodec.Size];
    private uint _lastRecordCrc;
    private JournalWriter? _writer;
    private SnapshotWriter? _snapshots;
    private TradingCore? _core;
    private long _sinceSnapshot;
    private bool _dirty;
    private JournalSyncer? _syncer;
    private long _written;

    public TradingStore(string dataDirectory, JournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        _options = options ?? new JournalOptions();
        JournalPath = Path.Combine(DataDirectory, "journal", "trading.journal");
        SnapshotDirectory = Path.Combine(DataDirectory, "snapshots");
    }

    public string DataDirectory { get; }

    public string JournalPath { get; }

    public string SnapshotDirectory { get; }

    /// <summary>The background snapshot writer (null before <see cref="Open"/>).</summary>
    public SnapshotWriter? Snapshots => _snapshots;

    /// <summary>The data directory a process should use: the command-line value, else <c>LL_DATA_DIR</c>, else <c>./data</c>.</summary>
    public static string ResolveDataDirectory(string? commandLine) =>
        !string.IsNullOrWhiteSpace(commandLine) ? commandLine
        : Environment.GetEnvironmentVariable("LL_DATA_DIR") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "data";

    /// <summary>Brings <paramref name="core"/> to the journalled state, then journals its changes from here on.</summary>
    /// <exception cref="JournalCorruptException">The journal or snapshots cannot be trusted; nothing was changed on disk.</exception>
    public RecoveryReport Open(TradingCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        Directory.CreateDirectory(SnapshotDirectory);
        var (snapshotPath, snapshot, recordCrc, skipped) = LoadNewestSnapshot();
        if (snapshot is not null)
        {
            core.Restore(snapshot);
        }

        var report = Replay(JournalPath, core, snapshot?.LastSequence ?? 0, truncate: true, snapshotPath, recordCrc);
        if (skipped.Count > 0 && snapshot is null && report.LastSequence == 0)
        {
            throw new JournalCorruptException(JournalPath, 0, null, $"no snapshot verifies ({string.Join("; ", skipped)}) and the journal is empty, so nothing can rebuild the state");
        }

        _core = core;
        _lastRecordCrc = report.LastRecordCrc;
        _writer = new JournalWriter(JournalPath, _options.Fsync, TimeSpan.FromMilliseconds(_options.FsyncIntervalMs));
        _snapshots = new SnapshotWriter(SnapshotDirectory, JournalPath);
        core.JournalTicks = _options.JournalTicks;
        core.AttachJournal(this);
        core.ResubmitWorkingOrders();
        return report with { SkippedSnapshots = skipped };
    }

    /// <summary>
    /// Replays a journal file into a core (the <c>state</c> command, and start-up after a snapshot at
    /// <paramref name="afterSequence"/>). Every record's sequence must follow the previous one from 1, and the
    /// record at <paramref name="afterSequence"/> must be the one the snapshot saw (<paramref name="snapshotRecordCrc"/>).
    /// <paramref name="truncate"/> cuts a torn tail.
    /// </summary>
    /// <exception cref="JournalCorruptException">Corruption in the middle, a sequence gap, or disagreement with the snapshot.</exception>
    public static RecoveryReport Replay(string journalPath, TradingCore core, long afterSequence = 0, bool truncate = false, string? snapshotPath = null, uint snapshotRecordCrc = 0)
    {
        ArgumentNullException.ThrowIfNull(core);
        long replayed = 0;
        long last = 0;
        uint lastCrc = 0;
        var agreed = afterSequence == 0;
        string? inconsistency = null;
        long inconsistentAt = 0;
        var result = JournalReader.Read(journalPath, (payload, offset, crc) =>
        {
            if (inconsistency is not null)
            {
                return;
            }

            if (!RecordCodec.TryDecode(payload, out var record, out var problem))
            {
                (inconsistency, inconsistentAt) = ($"the record at byte {offset} passes its CRC but cannot be read: {problem}", offset);
                return;
            }

            if (record.Sequence != last + 1)
            {
                (inconsistency, inconsistentAt) = ($"the record at byte {offset} has sequence {record.Sequence} where {last + 1} must follow (a gap)", offset);
                return;
            }

            last = record.Sequence;
            lastCrc = crc;
            if (record.Sequence == afterSequence)
            {
                agreed = lastCrc == snapshotRecordCrc;
                if (!agreed)
                {
                    (inconsistency, inconsistentAt) = ($"the snapshot {snapshotPath} was taken after a different record {afterSequence} than the journal holds", offset);
                    return;
                }
            }

            if (record.Sequence > afterSequence)
            {
                core.Apply(record);
                replayed++;
            }
        });
        if (inconsistency is not null)
        {
            throw new JournalCorruptException(journalPath, inconsistentAt, last == 0 ? null : last, inconsistency);
        }

        if (result.IsCorrupt)
        {
            throw new JournalCorruptException(journalPath, result, last);
        }

        if (!agreed)
        {
            throw new JournalCorruptException(journalPath, result.ValidLength, last, $"the snapshot {snapshotPath} covers sequence {afterSequence} but the journal ends at sequence {last}");
        }

        var truncated = result.FileLength - result.ValidLength;
        if (truncate && truncated > 0)
        {
            using var stream = new FileStream(journalPath, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(result.ValidLength);
            stream.Flush(flushToDisk: true);
        }

        return new RecoveryReport(snapshotPath, afterSequence, replayed, core.Sequence, result.Problem, truncated) { LastRecordCrc = lastCrc };
    }

    public void Append(in TradingRecord record)
    {
        var length = RecordCodec.Encode(record, _buffer);
        _lastRecordCrc = _writer!.Append(_buffer.AsSpan(0, length));
        _sinceSnapshot++;
        _dirty = true;
    }

    public void Commit()
    {
        if (!_dirty)
        {
            return; // nothing appended: no flush, no fsync
        }

        _dirty = false;
        _writer?.Commit();
        MaybeSnapshot();
    }

    /// <summary>
    /// Syncs the journal on a thread of its own from now on (<see cref="Write"/> instead of <see cref="Commit"/>):
    /// <paramref name="synced"/> hears each position durable per the fsync policy, on that thread.
    /// </summary>
    public void AttachSyncer(Action<long> synced)
    {
        ArgumentNullException.ThrowIfNull(synced);
        if (_writer is null || _syncer is not null)
        {
            throw new InvalidOperationException("Attach the syncer once, after Open.");
        }

        _written = _writer.Length;
        if (_options.Fsync != FsyncPolicy.None)
        {
            var interval = _options.Fsync == FsyncPolicy.Interval ? TimeSpan.FromMilliseconds(_options.FsyncIntervalMs) : TimeSpan.Zero;
            _syncer = new JournalSyncer(_writer.Handle, synced, interval);
        }
    }

    public long Write()
    {
        if (_syncer is null && _options.Fsync != FsyncPolicy.None)
        {
            Commit();
            return _written;
        }

        if (_dirty)
        {
            _dirty = false;
            _written = _writer!.Write();
            _syncer?.Request(_written);
            MaybeSnapshot();
        }

        return _written;
    }

    /// <summary>With a syncer: how far it synced (with no fsync policy, what the OS holds); without one everything committed is.</summary>
    public long DurablePosition => _syncer?.SyncedPosition ?? (_options.Fsync == FsyncPolicy.None ? _written : long.MaxValue);

    /// <summary>The syncer's last fsync error (null when none, or no syncer).</summary>
    public string? SyncError => _syncer?.LastError;

    private void MaybeSnapshot()
    {
        if (_options.SnapshotEveryRecords > 0 && _sinceSnapshot >= _options.SnapshotEveryRecords && _core is not null && _snapshots is not null
            && _snapshots.TryQueue(_core.CaptureWithHistory(), _lastRecordCrc))
        {
            _sinceSnapshot = 0; // queued; while a write is under way TryQueue refuses and the next commit asks again
        }
    }

    /// <summary>Writes the core's state as the newest snapshot now, on the caller's thread (shutdown, tests); keeps the previous one.</summary>
    public string WriteSnapshot(TradingCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _writer?.Commit(); // the journal must hold everything the snapshot says
        _snapshots ??= new SnapshotWriter(SnapshotDirectory, JournalPath);
        var path = _snapshots.WriteNow(core.CaptureWithHistory(), _lastRecordCrc);
        _sinceSnapshot = 0;
        return path;
    }

    public void Dispose()
    {
        _syncer?.Dispose(); // before the last snapshot, which syncs the whole journal itself
        _syncer = null;
        if (_core is not null && _writer is not null)
        {
            WriteSnapshot(_core);
        }

        _core?.AttachJournal(null);
        _snapshots?.Dispose();
        _snapshots = null;
        _writer?.Dispose();
        _writer = null;
    }

    private (string? Path, StateSnapshot? Snapshot, uint RecordCrc, List<string> Skipped) LoadNewestSnapshot()
    {
        var skipped = new List<string>();
        foreach (var path in SnapshotWriter.Files(SnapshotDirectory).Reverse())
        {
            var (state, crc, problem) = SnapshotFile.Read(path);
            if (state is not null)
            {
                return (path, state, crc, skipped);
            }

            // Skipped: the journal (which starts at sequence 1 and is checked record by record) or an older snapshot rebuilds the state.
            skipped.Add($"{Path.GetFileName(path)}: {problem}");
        }

        return (null, null, 0, skipped);
    }
}
