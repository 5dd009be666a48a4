using Outreach.Agent;
using Outreach.Campaigns;
using Outreach.Residents;
using Outreach.Telephony;

var builder = WebApplication.CreateBuilder(args);

builder.AddTelephony();
builder.AddResidents();
builder.AddAgent();
builder.AddCampaigns();

var app = builder.Build();

app.MapTelephony();
app.MapResidentsApi();
app.MapAgentApi();
app.MapCampaignsApi();

await app.RunAsync();

/// <summary>Visible to WebApplicationFactory in tests.</summary>
public partial class Program;
