namespace LowLatency.Ipc;

public enum FrameReadStatus
{
    Complete,
    Incomplete,
    Malformed,
}
