namespace Outreach.Residents.Audiences;

/// <summary>What a field holds, which decides the operators and values it takes.</summary>
public enum AudienceFieldKind
{
    Text,
    Community,
    Phone,
    Channel,
    Age,
    Tags,
    Date,
}
