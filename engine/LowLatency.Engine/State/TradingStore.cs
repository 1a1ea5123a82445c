using System.Text.Json;
using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>
/// Where trading state lives on disk (<c>--data-dir</c>, else <c>LL_DATA_DIR</c>, else <c>./data</c>): the
/// journal (<c>journal/</c>, its segments from <c>trading.journal</c>) and snapshots (<c>snapshots/snapshot-SEQ.json</c>, checksummed,
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
    private SegmentedJournalWriter? _writer;
    private SnapshotWriter? _snapshots;
    private TradingCore? _core;
    private long _sinceSnapshot;
    private bool _dirty;
    private bool _syncing;
    private long _written;

    public TradingStore(string dataDirectory, JournalOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        DataDirectory = Path.GetFullPath(dataDirectory);
        _options = options ?? new JournalOptions();
        JournalDirectory = Path.Combine(DataDirectory, "journal");
        JournalPath = JournalSegments.PathFor(JournalDirectory, 1);
        SnapshotDirectory = Path.Combine(DataDirectory, "snapshots");
    }

    public string DataDirectory { get; }

    /// <summary>The directory of the journal's segments (<see cref="JournalSegments"/>).</summary>
    public string JournalDirectory { get; }

    /// <summary>The segment being written: after <see cref="Open"/>, the last one; before, the first.</summary>
    public string JournalPath { get; private set; }

    public string SnapshotDirectory { get; }

    /// <summary>
    /// The sequence through which the event stream has published the journal (retention keeps what it has not);
    /// set before <see cref="Open"/>. Without a stream nothing waits on it.
    /// </summary>
    public Func<long> PublishedThrough { get; init; } = static () => long.MaxValue;

    /// <summary>The retirement of old segments (null before <see cref="Open"/>).</summary>
    public SegmentRetention? Retention { get; private set; }

    /// <summary>Segments started since <see cref="Open"/>.</summary>
    public int Rotations => _writer?.Rotations ?? 0;

    /// <summary>The background snapshot writer (null before <see cref="Open"/>).</summary>
    public SnapshotWriter? Snapshots => _snapshots;

    /// <summary>The data directory a process should use: the command-line value, else <c>LL_DATA_DIR</c>, else <c>./data</c>.</summary>
    public static string ResolveDataDirectory(string? commandLine) =>
        !string.IsNullOrWhiteSpace(commandLine) ? commandLine
        : Environment.GetEnvironmentVariable("LL_DATA_DIR") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "data";

    /// <summary>
    /// Brings <paramref name="core"/> to the journalled state without changing anything on disk or journalling
    /// what follows (the <c>state</c> command): the newest snapshot that verifies, then the journal's later records.
    /// </summary>
    public RecoveryReport Read(TradingCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        var (snapshotPath, snapshot, recordCrc, skipped) = LoadNewestSnapshot();
        if (snapshot is not null)
        {
            core.Restore(snapshot);
        }

        return Replay(JournalDirectory, core, snapshot?.LastSequence ?? 0, truncate: false, snapshotPath, recordCrc) with { SkippedSnapshots = skipped };
    }

    /// <summary>Brings <paramref name="core"/> to the journalled state, then journals its changes from here on.</summary>
    /// <exception cref="JournalCorruptException">The journal or snapshots cannot be trusted; nothing was changed on disk.</exception>
    public RecoveryReport Open(TradingCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        Directory.CreateDirectory(JournalDirectory);
        Directory.CreateDirectory(SnapshotDirectory);
        var (snapshotPath, snapshot, recordCrc, skipped) = LoadNewestSnapshot();
        if (snapshot is not null)
        {
            core.Restore(snapshot);
        }

        var report = Replay(JournalDirectory, core, snapshot?.LastSequence ?? 0, truncate: true, snapshotPath, recordCrc);
        JournalPath = JournalSegments.List(JournalDirectory) is { Count: > 0 } segments ? segments[^1].Path : JournalPath;
        var first = JournalSegments.TryParse(JournalPath, out var declared) ? declared : 1;
        if (skipped.Count > 0 && snapshot is null && report.LastSequence == 0)
        {
            throw new JournalCorruptException(JournalPath, 0, null, $"no snapshot verifies ({string.Join("; ", skipped)}) and the journal is empty, so nothing can rebuild the state");
        }

        _core = core;
        _lastRecordCrc = report.LastRecordCrc;
        _writer = new SegmentedJournalWriter(JournalDirectory, new JournalSegment(JournalPath, first), report.LastSequence, _options.Fsync,
            TimeSpan.FromMilliseconds(_options.FsyncIntervalMs), _options.SegmentBytes);
        Retention = new SegmentRetention(JournalDirectory, _options.Retention, _options.ArchiveDirectory ?? Path.Combine(DataDirectory, "journal-archive"), PublishedThrough);
        _snapshots = new SnapshotWriter(SnapshotDirectory, JournalDirectory, Retention);
        core.JournalTicks = _options.JournalTicks;
        core.AttachJournal(this);
        core.ResubmitWorkingOrders();
        return report with { SkippedSnapshots = skipped };
    }

    /// <summary>
    /// Replays a journal into a core (the <c>state</c> command, and start-up after a snapshot at
    /// <paramref name="afterSequence"/>): <paramref name="journalPath"/> is the journal directory (its segments in
    /// order, <see cref="JournalSegments"/>) or one segment file. Every record's sequence must follow the previous
    /// one, from the first segment's first sequence (1 unless earlier segments were retired, which only a snapshot
    /// can stand in for), and the record at <paramref name="afterSequence"/> must be the one the snapshot saw
    /// (<paramref name="snapshotRecordCrc"/>). Segments wholly before that record are not read. <paramref name="truncate"/>
    /// cuts a torn tail of the last segment; a torn tail of any other is corruption.
    /// </summary>
    /// <exception cref="JournalCorruptException">Corruption in the middle, a sequence gap, or disagreement with the snapshot.</exception>
    public static RecoveryReport Replay(string journalPath, TradingCore core, long afterSequence = 0, bool truncate = false, string? snapshotPath = null, uint snapshotRecordCrc = 0)
    {
        ArgumentNullException.ThrowIfNull(core);
        List<JournalSegment> segments = Directory.Exists(journalPath)
            ? JournalSegments.List(journalPath) is { Count: > 0 } listed ? listed : [new JournalSegment(JournalSegments.PathFor(journalPath, 1), 1)]
            : [new JournalSegment(journalPath, JournalSegments.TryParse(journalPath, out var declared) ? declared : 1)];
        while (segments.Count > 1 && new FileInfo(segments[^1].Path).Length == 0)
        {
            // started by a rotation and never written: the records before it may lack a tail the crash took
            if (truncate)
            {
                File.Delete(segments[^1].Path);
            }

            segments.RemoveAt(segments.Count - 1);
        }

        var start = 0;
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].FirstSequence <= afterSequence)
            {
                start = i;
            }
        }

        if (segments[start].FirstSequence > Math.Max(afterSequence, 1))
        {
            throw new JournalCorruptException(segments[start].Path, 0, null, afterSequence == 0
                ? $"the journal's first segment starts at sequence {segments[start].FirstSequence} and no snapshot covers the records before it"
                : $"the snapshot {snapshotPath} covers sequence {afterSequence}, which no segment holds (the first starts at {segments[start].FirstSequence})");
        }

        var replay = new SegmentReplay(core, afterSequence, snapshotPath, snapshotRecordCrc, segments[start].FirstSequence - 1);
        var result = new JournalRecovery(0, 0, 0, null);
        for (var i = start; i < segments.Count; i++)
        {
            result = replay.Read(segments[i], isLast: i == segments.Count - 1);
        }

        var last = segments[^1];
        if (!replay.Agreed)
        {
            throw new JournalCorruptException(last.Path, result.ValidLength, replay.Last, $"the snapshot {snapshotPath} covers sequence {afterSequence} but the journal ends at sequence {replay.Last}");
        }

        var truncated = result.FileLength - result.ValidLength;
        if (truncate && truncated > 0)
        {
            using var stream = new FileStream(last.Path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(result.ValidLength);
            stream.Flush(flushToDisk: true);
        }

        return new RecoveryReport(snapshotPath, afterSequence, replay.Replayed, core.Sequence, result.Problem, truncated) { LastRecordCrc = replay.LastCrc };
    }

    public void Append(in TradingRecord record)
    {
        var length = RecordCodec.Encode(record, _buffer);
        _lastRecordCrc = _writer!.Append(_buffer.AsSpan(0, length), record.Sequence);
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
        JournalPath = _writer?.CurrentPath ?? JournalPath;
        MaybeSnapshot();
    }

    /// <summary>
    /// Syncs the journal on a thread of its own from now on (<see cref="Write"/> instead of <see cref="Commit"/>):
    /// <paramref name="synced"/> hears each position durable per the fsync policy, on that thread.
    /// </summary>
    public void AttachSyncer(Action<long> synced)
    {
        ArgumentNullException.ThrowIfNull(synced);
        if (_writer is null || _syncing)
        {
            throw new InvalidOperationException("Attach the syncer once, after Open.");
        }

        _writer.AttachSyncer(synced);
        _written = _writer.Position;
        _syncing = true;
    }

    public long Write()
    {
        if (!_syncing && _options.Fsync != FsyncPolicy.None)
        {
            Commit();
            return _written;
        }

        if (_dirty)
        {
            _dirty = false;
            _written = _writer!.Write();
            JournalPath = _writer.CurrentPath;
            MaybeSnapshot();
        }

        return _written;
    }

    /// <summary>With a syncer: how far it synced (with no fsync policy, what the OS holds); without one everything committed is.</summary>
    public long DurablePosition => _writer?.DurablePosition ?? long.MaxValue;

    /// <summary>The syncer's last fsync error (null when none, or no syncer).</summary>
    public string? SyncError => _writer?.SyncError;

    /// <summary>The last record durable per the fsync policy, from any thread: what the event stream may publish.</summary>
    public long DurableSequence => _writer?.DurableSequence ?? 0;

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
        _snapshots ??= new SnapshotWriter(SnapshotDirectory, JournalDirectory, Retention);
        var path = _snapshots.WriteNow(core.CaptureWithHistory(), _lastRecordCrc);
        _sinceSnapshot = 0;
        return path;
    }

    public void Dispose()
    {
        _writer?.DetachSyncer(); // before the last snapshot, which syncs the journal itself
        _syncing = false;
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
