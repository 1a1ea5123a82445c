namespace LowLatency.EventStream;

/// <summary>The header of a command reply that carries why there is no result instead of one (a malformed request, a foreign instrument, a timeout).</summary>
public static class CommandHeaders
{
    public const string Error = "Ll-Error";
}
