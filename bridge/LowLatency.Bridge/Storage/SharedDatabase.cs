using LowLatency.Bridge.Configuration;
using LowLatency.ReadSide;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LowLatency.Bridge.Storage;

/// <summary>
/// The cluster's PostgreSQL as a bridge that serves the frontend across the cluster keeps the frontend's own state
/// there beside the read side (settings, jobs, models): one pool for all of it, the read side's tables made once, at
/// the first use (a bridge starts and serves without the database). On any other bridge, none.
/// </summary>
public sealed class SharedDatabase(IOptions<BridgeOptions> options) : IDisposable
{
    private readonly NpgsqlDataSource? _source = options.Value.Cluster.ServeFrontend ? NpgsqlDataSource.Create(options.Value.Cluster.Database!) : null;
    private readonly Lock _ensure = new();
    private bool _ensured;

    /// <summary>Whether there is one (<c>Bridge:Cluster:ServeFrontend</c>).</summary>
    public bool Available => _source is not null;

    /// <summary>A command with <paramref name="values"/> as <c>$1</c>, <c>$2</c> …</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached.</exception>
    public NpgsqlCommand Command(string sql, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var command = Ready().CreateCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>An open connection, for what takes a transaction.</summary>
    public NpgsqlConnection Open() => Ready().OpenConnection();

    public void Dispose() => _source?.Dispose();

    private NpgsqlDataSource Ready()
    {
        var source = _source ?? throw new InvalidOperationException("this bridge keeps no state in the cluster's database (Bridge:Cluster:ServeFrontend is off)");
        lock (_ensure)
        {
            if (!_ensured)
            {
                ReadSideSchema.EnsureAsync(source, CancellationToken.None).GetAwaiter().GetResult();
                _ensured = true;
            }
        }

        return source;
    }
}
