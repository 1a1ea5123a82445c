using System.Globalization;
using System.Text;
using System.Text.Json;
using LowLatency.Engine.Journal;

namespace LowLatency.Engine.State;

/// <summary>
/// A snapshot file: one header line, then the state as JSON. The header names the journal sequence the state
/// covers, the CRC of that journal record's frame as its header holds it (so a snapshot and a journal that disagree are caught),
/// and the CRC-32C and length of the JSON that follows (so a changed digit is caught).
/// <c>ll-snapshot/2 sequence=S record-crc=HEX state-crc=HEX state-bytes=N</c>.
/// </summary>
public static class SnapshotFile
{
    private const string Magic = "ll-snapshot/2";

    /// <summary>The file's bytes for a state whose last journal record's frame has CRC <paramref name="recordCrc"/>.</summary>
    public static byte[] Encode(StateSnapshot state, uint recordCrc)
    {
        ArgumentNullException.ThrowIfNull(state);
        var json = JsonSerializer.SerializeToUtf8Bytes(state, TradingCore.SnapshotJson);
        var header = string.Create(CultureInfo.InvariantCulture, $"{Magic} sequence={state.LastSequence} record-crc={recordCrc:x8} state-crc={Crc32C.Compute(json):x8} state-bytes={json.Length}\n");
        return [.. Encoding.ASCII.GetBytes(header), .. json];
    }

    /// <summary>Reads and verifies a snapshot; the reason it cannot be trusted otherwise.</summary>
    public static (StateSnapshot? State, uint RecordCrc, string? Problem) Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (IOException e)
        {
            return (null, 0, $"unreadable: {e.Message}");
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        if (newline < 0 || !TryParseHeader(Encoding.ASCII.GetString(bytes, 0, newline), out var sequence, out var recordCrc, out var stateCrc, out var stateBytes))
        {
            return (null, 0, "no snapshot header (written by an older version, or damaged)");
        }

        var json = bytes.AsSpan(newline + 1);
        if (json.Length != stateBytes || Crc32C.Compute(json) != stateCrc)
        {
            return (null, 0, $"checksum mismatch: the state is not what was written (bytes {json.Length} of {stateBytes})");
        }

        try
        {
            var state = JsonSerializer.Deserialize<StateSnapshot>(json, TradingCore.SnapshotJson);
            return state is null || state.LastSequence != sequence
                ? (null, 0, $"the state's sequence does not match the header's {sequence}")
                : (state, recordCrc, null);
        }
        catch (JsonException e)
        {
            return (null, 0, $"unreadable state: {e.Message}");
        }
    }

    private static bool TryParseHeader(string line, out long sequence, out uint recordCrc, out uint stateCrc, out long stateBytes)
    {
        (sequence, recordCrc, stateCrc, stateBytes) = (0, 0, 0, 0);
        var parts = line.Split(' ');
        if (parts.Length != 5 || parts[0] != Magic)
        {
            return false;
        }

        return TryField(parts[1], "sequence=", out var s) && long.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out sequence)
            && TryField(parts[2], "record-crc=", out var r) && uint.TryParse(r, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out recordCrc)
            && TryField(parts[3], "state-crc=", out var c) && uint.TryParse(c, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out stateCrc)
            && TryField(parts[4], "state-bytes=", out var b) && long.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out stateBytes);
    }

    private static bool TryField(string part, string name, out string value)
    {
        value = part.StartsWith(name, StringComparison.Ordinal) ? part[name.Length..] : "";
        return value.Length > 0;
    }
}
