using LeadMarket.Infrastructure;
using LeadMarket.Web;

// Before anything rents a buffer: the runtime reads these settings once (docs/decisions/008).
ProcessSettings.Apply();

var builder = WebApplication.CreateBuilder(args);

builder.AddMarketInfrastructure();
builder.AddMarketWeb();

var app = builder.Build();
app.MapMarket();
app.Run();

/// <summary>The entry point, visible to test hosts (WebApplicationFactory).</summary>
public partial class Program;
