namespace Outreach.Agent.Interpretation;

public enum DayPart
{
    Morning,
    Noon,
    Afternoon,
    Evening,
}
