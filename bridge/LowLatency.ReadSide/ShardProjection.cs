using System.Text.Json;
using LowLatency.Engine.MarketData;
using LowLatency.Engine.Portfolio;
using LowLatency.Engine.State;
using Npgsql;

namespace LowLatency.ReadSide;

/// <summary>
/// One shard's projection by one bridge: a <see cref="StateMirror"/> that every record of the shard's stream
/// advances (the one mirror of engine state), and per batch one transaction that writes only what the shared
/// projection lacks. The shard's row in <c>ll_projection</c> is locked for it, so bridges projecting the same
/// shard at once serialise, and each record is written once whoever writes it. A failed transaction leaves this
/// mirror ahead of the database: the caller reloads (<see cref="LoadAsync"/>) rather than carry on.
/// </summary>
public sealed class ShardProjection(string shard, string projector, InstrumentRegistry registry, AccountOptions account, int snapshotEveryRecords = 1_000)
{
    private readonly StateMirror _mirror = new(registry, account);
    private RoundTripLedger _trips = new(registry.Count);
    private long _snapshotSequence;

    public string Shard => shard;

    /// <summary>The last record this mirror applied.</summary>
    public long Sequence => _mirror.Sequence;

    /// <summary>The mirrored state (null until loaded, or after a gap).</summary>
    public TradingState? State => _mirror.State;

    /// <summary>Records this projection wrote (not those another bridge had written first).</summary>
    public long Written { get; private set; }

    /// <summary>Starts the mirror from the shared projection's snapshot (or empty); returns the next record to consume.</summary>
    public async Task<long> LoadAsync(NpgsqlDataSource database, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var command = database.CreateCommand("SELECT snapshot_sequence, snapshot FROM ll_projection WHERE shard = $1");
        command.Parameters.AddWithValue(shard);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        StateSnapshot? snapshot = null;
        if (await reader.ReadAsync(cancellation).ConfigureAwait(false) && !await reader.IsDBNullAsync(1, cancellation).ConfigureAwait(false))
        {
            snapshot = JsonSerializer.Deserialize<StateSnapshot>(reader.GetString(1), TradingState.SnapshotJson);
        }

        _mirror.Reset(snapshot ?? new TradingState(registry, account).CaptureWithHistory());
        _snapshotSequence = _mirror.Sequence;
        await reader.DisposeAsync().ConfigureAwait(false);
        // The positions open at the snapshot start the ledger: their entry fees are not known, when they opened is the row's.
        var opened = await OpenedAsync(database, cancellation).ConfigureAwait(false);
        _trips = new RoundTripLedger(registry.Count);
        _trips.Reconcile(_mirror.State!, id => opened.GetValueOrDefault(id));
        return _mirror.Sequence + 1;
    }

    /// <summary>Applies <paramref name="batch"/> (in sequence) and writes what the shared projection lacks; returns the records written.</summary>
    /// <exception cref="InvalidOperationException">A record does not follow the mirror's last: reload.</exception>
    public async Task<int> ProjectAsync(NpgsqlDataSource database, IReadOnlyList<ProjectedRecord> batch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(batch);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        var done = await LockAsync(connection, transaction, cancellation).ConfigureAwait(false);
        var rows = new NpgsqlBatch(connection, transaction);
        var orders = new HashSet<long>();
        var opened = new Dictionary<int, long>(); // instrument → when this batch's written fills last opened its position (0: they did not)
        var written = 0;
        foreach (var (record, payload) in batch)
        {
            var fillOf = record.Type == RecordType.Fill && record.InstrumentId >= 0 && record.InstrumentId < registry.Count ? record.InstrumentId : -1;
            var before = fillOf >= 0 && _mirror.State is { } prior ? prior.Account.Position(fillOf).QuantityLots : 0;
            var balance = _mirror.State?.Account.Balance ?? 0;
            var outcome = _mirror.Apply(record);
            if (outcome is MirrorOutcome.Gap or MirrorOutcome.Stale)
            {
                throw new InvalidOperationException($"shard {shard}: record {record.Sequence} does not follow {_mirror.Sequence} ({outcome})");
            }

            // Every fill the mirror applies goes through the ledger, written or not, so the ledger stays where the mirror is.
            var trip = fillOf >= 0 && outcome == MirrorOutcome.Applied ? _trips.OnFill(registry[fillOf], record, _mirror.State!.Account.Balance - balance) : null;

            if (outcome == MirrorOutcome.AlreadyApplied || record.Sequence <= done)
            {
                continue; // in the snapshot, or written by another bridge
            }

            ProjectionRows.Record(rows, shard, record, payload, projector);
            if (record.Type == RecordType.Fill)
            {
                ProjectionRows.Fill(rows, shard, record);
            }

            if (trip is { } closed)
            {
                ProjectionRows.RoundTrip(rows, shard, closed);
            }

            if (record.OrderId != 0)
            {
                orders.Add(record.OrderId);
            }

            if (fillOf >= 0)
            {
                var after = _mirror.State!.Account.Position(fillOf).QuantityLots;
                opened[fillOf] = RoundTripLedger.Opens(before, after) ? record.TimeMs : opened.GetValueOrDefault(fillOf);
            }

            written++;
        }

        if (written > 0)
        {
            var state = _mirror.State!;
            foreach (var id in orders)
            {
                if (state.Orders.Find(id) is { } order)
                {
                    ProjectionRows.Order(rows, shard, order, JsonSerializer.Serialize(state.ToSnapshot(order), TradingState.SnapshotJson), _mirror.Sequence);
                }
            }

            foreach (var (instrument, openedMs) in opened)
            {
                ProjectionRows.Position(rows, shard, state.Account.Position(instrument), JsonSerializer.Serialize(state.ToSnapshot(instrument), TradingState.SnapshotJson), openedMs, _mirror.Sequence);
            }

            var snapshot = _mirror.Sequence - _snapshotSequence >= snapshotEveryRecords ? JsonSerializer.Serialize(state.CaptureWithHistory(), TradingState.SnapshotJson) : null;
            ProjectionRows.Advance(rows, shard, _mirror.Sequence, JsonSerializer.Serialize(state.CaptureStatus(), TradingState.SnapshotJson), snapshot);
            await rows.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
            if (snapshot is not null)
            {
                _snapshotSequence = _mirror.Sequence;
            }
        }

        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
        Written += written;
        return written;
    }

    /// <summary>When each of the shard's positions opened, as the read side has it.</summary>
    private async Task<Dictionary<int, long>> OpenedAsync(NpgsqlDataSource database, CancellationToken cancellation)
    {
        await using var command = database.CreateCommand("SELECT instrument_id, opened_ms FROM ll_positions WHERE shard = $1");
        command.Parameters.AddWithValue(shard);
        await using var reader = await command.ExecuteReaderAsync(cancellation).ConfigureAwait(false);
        var opened = new Dictionary<int, long>();
        while (await reader.ReadAsync(cancellation).ConfigureAwait(false))
        {
            opened[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        return opened;
    }

    /// <summary>The shard's row, created if missing and locked for this transaction; how far the shared projection has gone.</summary>
    private async Task<long> LockAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellation)
    {
        await using var create = new NpgsqlCommand("INSERT INTO ll_projection (shard, last_sequence) VALUES ($1, 0) ON CONFLICT DO NOTHING", connection, transaction);
        create.Parameters.AddWithValue(shard);
        await create.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        await using var select = new NpgsqlCommand("SELECT last_sequence FROM ll_projection WHERE shard = $1 FOR UPDATE", connection, transaction);
        select.Parameters.AddWithValue(shard);
        return (long)(await select.ExecuteScalarAsync(cancellation).ConfigureAwait(false))!;
    }
}
