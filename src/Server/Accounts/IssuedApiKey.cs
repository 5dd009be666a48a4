namespace Outreach.Server.Accounts;

/// <summary>A newly issued key: the stored record and the key itself, which is never shown again.</summary>
public sealed record IssuedApiKey(IntegrationApiKey Record, string Key);
