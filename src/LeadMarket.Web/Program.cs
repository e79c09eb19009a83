using LeadMarket.Infrastructure;
using LeadMarket.Web;

var builder = WebApplication.CreateBuilder(args);

builder.AddMarketInfrastructure();
builder.AddMarketWeb();

var app = builder.Build();
app.MapMarket();
app.Run();

/// <summary>The entry point, visible to test hosts (WebApplicationFactory).</summary>
public partial class Program;
