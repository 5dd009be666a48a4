namespace Outreach.Telephony.Bench;

/// <summary>One request's server time and what happened on its thread meanwhile (Allocated: bytes, -1 when it moved).</summary>
internal readonly record struct ServerSample(double Milliseconds, bool Preempted, bool Blocked, bool DuringGc, bool Moved, long Allocated);
