using OutlookSayNo.Addin;
using OutlookSayNo.Admin;
using OutlookSayNo.Asks;
using OutlookSayNo.Auth;
using OutlookSayNo.Compliance;
using OutlookSayNo.Data;
using OutlookSayNo.Drafts;
using OutlookSayNo.Infrastructure;
using OutlookSayNo.Kinds;
using OutlookSayNo.Mailbox;

var builder = WebApplication.CreateBuilder(args);

builder.AddSayNoProblems();
builder.AddSayNoAuth();
builder.AddSayNoMailbox();
builder.AddSayNoSecurity();
builder.AddSayNoDataProtection();
builder.AddSayNoData();
builder.AddSayNoKinds();
builder.AddSayNoRenderBudget();
builder.Services.AddSayNoAsks();
builder.Services.AddSayNoDrafts();
builder.Services.AddSayNoAdmin();
builder.Services.AddSayNoCompliance(builder.Configuration);
builder.Services.AddSayNoSwagger();
builder.Services.AddHealthChecks();
builder.Services.AddSayNoAddin(builder.Configuration);

var app = builder.Build();

app.UseSayNoProblems();
app.UseJsonCharset();
app.UseSayNoSwagger();
app.UseStaticFiles();
app.UseTryFiles();
app.UseAuthentication();
app.UseSayNoSecurity();
app.UseAuthorization();

await app.MigrateSayNoDataAsync();
await app.LoadSayNoKindsAsync();

app.MapHealthChecks("/healthz").AllowAnonymous();
app.MapAsks();
app.MapDrafts();
app.MapManifest();
app.MapTemplates();
app.MapFacts();
app.MapCompliance();
app.MapStartPage();
app.MapDevSignIn();
app.MapPage("admin");
app.MapPage("compliance");
app.MapTryPage();

app.Run();

public partial class Program;
