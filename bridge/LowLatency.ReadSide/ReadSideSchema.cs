using Npgsql;

namespace LowLatency.ReadSide;

/// <summary>
/// The read side's tables, keyed by shard and record sequence (or order id, instrument): every record as it came
/// (<c>ll_records</c>), fills, the closed trades they pair into (<c>ll_round_trips</c>, keyed by the closing fill), each order's and position's latest state (with the engine's own snapshot of it, which
/// the bridge renders as the engine's order or position; null in rows from before it was kept; a position's with when it
/// was opened, 0 when unknown), and per shard how far the projection has
/// gone with a snapshot of the state it had there and its trading state, account and day at its last record (<c>ll_projection</c>; null status in rows from before it was kept), written in the same transaction as the
/// rows, so a projection's position can never disagree with what it wrote. Enum columns hold the engine's codes;
/// their names are the bridge's to give. Beside them, not projected, the trail of every command a bridge sent a
/// shard (<c>ll_audit</c>): who asked, through which bridge, and how it ended; and the frontend's saved settings
/// documents every bridge shares (<c>ll_settings</c>, each with a version that every change moves on); and the API's
/// jobs (<c>ll_jobs</c>: the bridge running each, its request, its latest poll answer and the owner's heartbeat), and
/// the newest trained model of each key (<c>ll_models</c>).
/// </summary>
public static class ReadSideSchema
{
    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS ll_projection (
            shard text PRIMARY KEY,
            last_sequence bigint NOT NULL,
            snapshot_sequence bigint NOT NULL DEFAULT 0,
            snapshot text);
        CREATE TABLE IF NOT EXISTS ll_records (
            shard text NOT NULL, sequence bigint NOT NULL, type smallint NOT NULL, time_ms bigint NOT NULL,
            order_id bigint NOT NULL, instrument_id integer NOT NULL, payload bytea NOT NULL, projected_by text NOT NULL,
            PRIMARY KEY (shard, sequence));
        CREATE TABLE IF NOT EXISTS ll_fills (
            shard text NOT NULL, sequence bigint NOT NULL, order_id bigint NOT NULL, instrument_id integer NOT NULL,
            side smallint NOT NULL, quantity_lots bigint NOT NULL, price_ticks bigint NOT NULL, fee numeric NOT NULL, time_ms bigint NOT NULL,
            PRIMARY KEY (shard, sequence));
        CREATE TABLE IF NOT EXISTS ll_orders (
            shard text NOT NULL, order_id bigint NOT NULL, instrument_id integer NOT NULL, side smallint NOT NULL, type smallint NOT NULL,
            status smallint NOT NULL, quantity_lots bigint NOT NULL, filled_lots bigint NOT NULL, limit_ticks bigint NOT NULL,
            stop_ticks bigint NOT NULL, updated_ms bigint NOT NULL, last_sequence bigint NOT NULL,
            PRIMARY KEY (shard, order_id));
        CREATE TABLE IF NOT EXISTS ll_positions (
            shard text NOT NULL, instrument_id integer NOT NULL, quantity_lots bigint NOT NULL, average_price_ticks numeric NOT NULL,
            realized_pnl numeric NOT NULL, fees numeric NOT NULL, fills bigint NOT NULL, last_sequence bigint NOT NULL,
            PRIMARY KEY (shard, instrument_id));
        CREATE TABLE IF NOT EXISTS ll_round_trips (
            shard text NOT NULL, sequence bigint NOT NULL, instrument_id integer NOT NULL, is_long boolean NOT NULL, quantity numeric NOT NULL,
            entry_price numeric NOT NULL, exit_price numeric NOT NULL, pnl numeric NOT NULL, fees numeric NOT NULL, entry_ms bigint NOT NULL, exit_ms bigint NOT NULL,
            PRIMARY KEY (shard, sequence));
        CREATE TABLE IF NOT EXISTS ll_audit (
            id bigserial PRIMARY KEY, time_ms bigint NOT NULL, bridge text NOT NULL, who text NOT NULL, method text NOT NULL, path text NOT NULL,
            command text NOT NULL, result text NOT NULL, status integer NOT NULL);
        CREATE TABLE IF NOT EXISTS ll_settings (
            name text PRIMARY KEY, json text NOT NULL, version bigint NOT NULL DEFAULT 0, updated_ms bigint NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS ll_jobs (
            kind text NOT NULL, id text NOT NULL, owner text NOT NULL, attempt integer NOT NULL DEFAULT 0, status text NOT NULL,
            request text NOT NULL, view text NOT NULL, cancel boolean NOT NULL DEFAULT false, heartbeat_ms bigint NOT NULL, created_ms bigint NOT NULL,
            PRIMARY KEY (kind, id));
        CREATE TABLE IF NOT EXISTS ll_models (key text PRIMARY KEY, trained_ms bigint NOT NULL, files text NOT NULL);
        DO $$
        BEGIN
            -- Only what is missing: ALTER TABLE locks its table even when the column is there, and a projector's
            -- transaction locks ll_projection and then the rest, so columns are added in that order too.
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'll_projection' AND column_name = 'status') THEN
                ALTER TABLE ll_projection ADD COLUMN status text;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'll_orders' AND column_name = 'snapshot') THEN
                ALTER TABLE ll_orders ADD COLUMN snapshot text;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'll_positions' AND column_name = 'snapshot') THEN
                ALTER TABLE ll_positions ADD COLUMN snapshot text;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'll_positions' AND column_name = 'opened_ms') THEN
                ALTER TABLE ll_positions ADD COLUMN opened_ms bigint NOT NULL DEFAULT 0;
            END IF;
        END
        $$;
        """;

    /// <summary>Creates what is missing (idempotent; bridges starting together serialise on an advisory lock).</summary>
    public static async Task EnsureAsync(NpgsqlDataSource database, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var connection = await database.OpenConnectionAsync(cancellation).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellation).ConfigureAwait(false);
        await using (var lockSchema = new NpgsqlCommand("SELECT pg_advisory_xact_lock(7123001)", connection, transaction))
        {
            await lockSchema.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await using (var create = new NpgsqlCommand(Ddl, connection, transaction))
        {
            await create.ExecuteNonQueryAsync(cancellation).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellation).ConfigureAwait(false);
    }
}
