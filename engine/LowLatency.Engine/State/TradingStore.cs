using System.Text.Json;
using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>
/// Where trading state lives on disk (<c>--data-dir</c>, else <c>LL_DATA_DIR</c>, else <c>./data</c>): the
/// journal (<c>journal/trading.journal</c>) and snapshots (<c>snapshots/snapshot-SEQ.json</c>). On start it
/// restores the newest readable snapshot, replays the journal's later records, and truncates a torn or corrupt
/// tail (reported, never fatal). While running it is the core's <see cref="ITradingJournal"/>.
/// </summary>
public sealed class TradingStore : ITradingJournal, IDisposable
{
    private readonly JournalOptions _options;
    private readonly byte[] _buffer = new byte[RecordCodec.Size];
    private JournalWriter? _writer;
    private TradingCore? _core;
    private long _sinceSnapshot;
    private bool _dirty;

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

    /// <summary>The data directory a process should use: the command-line value, else <c>LL_DATA_DIR</c>, else <c>./data</c>.</summary>
    public static string ResolveDataDirectory(string? commandLine) =>
        !string.IsNullOrWhiteSpace(commandLine) ? commandLine
        : Environment.GetEnvironmentVariable("LL_DATA_DIR") is { Length: > 0 } fromEnvironment ? fromEnvironment
        : "data";

    /// <summary>Brings <paramref name="core"/> to the journalled state, then journals its changes from here on.</summary>
    public RecoveryReport Open(TradingCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        Directory.CreateDirectory(Path.GetDirectoryName(JournalPath)!);
        Directory.CreateDirectory(SnapshotDirectory);
        var (snapshotPath, snapshot) = LoadNewestSnapshot();
        if (snapshot is not null)
        {
            core.Restore(snapshot);
        }

        var report = Replay(JournalPath, core, snapshot?.LastSequence ?? 0, truncate: true, snapshotPath);
        _core = core;
        _writer = new JournalWriter(JournalPath, _options.Fsync, TimeSpan.FromMilliseconds(_options.FsyncIntervalMs));
        core.JournalTicks = _options.JournalTicks;
        core.AttachJournal(this);
        core.ResubmitWorkingOrders();
        return report;
    }

    /// <summary>Replays a journal file into a core (the <c>state</c> command); <paramref name="truncate"/> cuts a bad tail.</summary>
    public static RecoveryReport Replay(string journalPath, TradingCore core, long afterSequence = 0, bool truncate = false, string? snapshotPath = null)
    {
        ArgumentNullException.ThrowIfNull(core);
        long replayed = 0;
        long badOffset = -1;
        string? decodeProblem = null;
        var result = JournalReader.Read(journalPath, (payload, offset) =>
        {
            if (badOffset >= 0)
            {
                return;
            }

            if (!RecordCodec.TryDecode(payload, out var record, out var problem))
            {
                badOffset = offset;
                decodeProblem = $"unreadable record at byte {offset}: {problem}";
                return;
            }

            if (record.Sequence > afterSequence)
            {
                core.Apply(record);
                replayed++;
            }
        });
        var validLength = badOffset >= 0 ? badOffset : result.ValidLength;
        var problem = decodeProblem ?? result.Problem;
        var truncated = result.FileLength - validLength;
        if (truncate && truncated > 0)
        {
            using var stream = new FileStream(journalPath, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(validLength);
            stream.Flush(flushToDisk: true);
        }

        return new RecoveryReport(snapshotPath, afterSequence, replayed, core.Sequence, problem, truncated);
    }

    public void Append(in TradingRecord record)
    {
        var length = RecordCodec.Encode(record, _buffer);
        _writer!.Append(_buffer.AsSpan(0, length));
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
        if (_options.SnapshotEveryRecords > 0 && _sinceSnapshot >= _options.SnapshotEveryRecords && _core is not null)
        {
            WriteSnapshot(_core);
        }
    }

    /// <summary>Writes the core's state as the newest snapshot (atomically: temp file, then rename) and keeps the previous one.</summary>
    public string WriteSnapshot(TradingCore core)
    {
        ArgumentNullException.ThrowIfNull(core);
        _writer?.Commit(); // the journal must cover everything the snapshot says
        Directory.CreateDirectory(SnapshotDirectory);
        var path = Path.Combine(SnapshotDirectory, $"snapshot-{core.Sequence:D12}.json");
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(core.Capture(), TradingCore.SnapshotJson));
        File.Move(temporary, path, overwrite: true);
        foreach (var old in SnapshotFiles().SkipLast(2))
        {
            File.Delete(old);
        }

        _sinceSnapshot = 0;
        return path;
    }

    public void Dispose()
    {
        if (_core is not null && _writer is not null)
        {
            WriteSnapshot(_core);
        }

        _core?.AttachJournal(null);
        _writer?.Dispose();
        _writer = null;
    }

    private (string? Path, StateSnapshot? Snapshot) LoadNewestSnapshot()
    {
        foreach (var path in SnapshotFiles().Reverse())
        {
            try
            {
                var snapshot = JsonSerializer.Deserialize<StateSnapshot>(File.ReadAllText(path), TradingCore.SnapshotJson);
                if (snapshot is not null)
                {
                    return (path, snapshot);
                }
            }
            catch (JsonException)
            {
                // A damaged snapshot is skipped; the previous one (or the journal alone) still restores the state.
            }
        }

        return (null, null);
    }

    private IEnumerable<string> SnapshotFiles() =>
        Directory.Exists(SnapshotDirectory) ? Directory.GetFiles(SnapshotDirectory, "snapshot-*.json").Order(StringComparer.Ordinal) : [];
}
