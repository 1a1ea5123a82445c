namespace LowLatency.Engine.Configuration;

/// <summary>A configuration file that cannot be used, with the file, the field and why.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, string field, string reason)
        : base($"{file}: {field}: {reason}")
    {
        File = file;
        Field = field;
        Reason = reason;
    }

    public ConfigException()
    {
        File = Field = Reason = "";
    }

    public ConfigException(string message)
        : base(message)
    {
        File = Field = Reason = "";
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
        File = Field = Reason = "";
    }

    public string File { get; }

    public string Field { get; }

    public string Reason { get; }
}
