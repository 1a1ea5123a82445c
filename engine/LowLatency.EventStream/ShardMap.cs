using LowLatency.Engine.MarketData;

namespace LowLatency.EventStream;

/// <summary>
/// Which shard owns which instrument (<c>cluster.shards</c>: shard → symbols): each instrument has one owner, the
/// single writer of its orders and positions, and commands for it go there. An empty map is one shard owning all.
/// </summary>
public sealed class ShardMap
{
    private readonly string?[] _owner;

    /// <exception cref="ArgumentException">A bad shard name, an unknown symbol, or a symbol in two shards; the message says which.</exception>
    public ShardMap(IReadOnlyDictionary<string, IReadOnlyList<string>> shards, InstrumentRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(registry);
        _owner = new string?[registry.Count];
        foreach (var (shard, symbols) in shards)
        {
            if (!JournalStreamNames.IsValidShard(shard))
            {
                throw new ArgumentException($"'{shard}' is not a shard name: letters, digits, '-' and '_', up to 32");
            }

            foreach (var symbol in symbols)
            {
                if (!registry.TryResolve(symbol, out var instrument))
                {
                    throw new ArgumentException($"shard {shard}: '{symbol}' is not an instrument of the registry");
                }

                if (_owner[instrument.Id] is { } other)
                {
                    throw new ArgumentException($"'{symbol}' is in shard {other} and in shard {shard}: an instrument has one owner");
                }

                _owner[instrument.Id] = shard;
            }
        }

        Shards = [.. shards.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The shards named, in name order (none: one shard owns everything).</summary>
    public IReadOnlyList<string> Shards { get; }

    /// <summary>The shard that owns the instrument; null when the map does not name it.</summary>
    public string? Owner(int instrumentId) => (uint)instrumentId < (uint)_owner.Length ? _owner[instrumentId] : null;

    /// <summary>The owner as messages name it: the shard, or <c>none</c> for an instrument the map leaves out.</summary>
    public string OwnerName(int instrumentId) => Owner(instrumentId) ?? "none";

    /// <summary>Whether <paramref name="shard"/> may trade the instrument: it owns it, or the map is empty.</summary>
    public bool Owns(string shard, int instrumentId) => Shards.Count == 0 || Owner(instrumentId) == shard;
}
