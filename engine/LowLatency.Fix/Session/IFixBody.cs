using LowLatency.Fix.Wire;

namespace LowLatency.Fix.Session;

/// <summary>The body fields of one outbound message (after the standard header); a struct, so sending allocates nothing.</summary>
public interface IFixBody
{
    void Write(FixWriter writer);
}
