using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Identity.Web;
using NSubstitute;
using OutlookSayNo.Mailbox;
using OutlookSayNo.Testing;

namespace OutlookSayNo.BrowserTests;

/// <summary>The pane's fixture with a mailbox: its own API whose <see cref="IMailbox"/> is the real Graph
/// mailbox (Graph SDK, the API's bounded retry) against a loopback <see cref="FakeGraph"/>; only the
/// on-behalf-of token is a stand-in ("graph-token-for-{name}"). The other pane tests keep the development
/// server, whose mailbox is unavailable.</summary>
public sealed class MailboxPaneFixture : PaneFixture
{
    private readonly GraphStandIn _graph;

    public MailboxPaneFixture() : this(new GraphStandIn()) { }

    private MailboxPaneFixture(GraphStandIn graph) : base(new PaneServer { TestServices = graph.Register }) => _graph = graph;

    /// <summary>The loopback Graph the API calls. Shared by the collection's tests: each uses its own message ids.</summary>
    public FakeGraph Graph => _graph.Fake ?? throw new InvalidOperationException("The fake Graph did not start.");

    public override async Task InitializeAsync()
    {
        await _graph.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _graph.DisposeAsync();
    }

    /// <summary>The fake Graph, the HttpClient the API's Graph clients share, and the token stand-in.</summary>
    private sealed class GraphStandIn : IAsyncDisposable
    {
        private readonly ITokenAcquisition _tokens = Substitute.For<ITokenAcquisition>();
        private GraphOptions? _options;
        private HttpClient? _http;

        public FakeGraph? Fake { get; private set; }

        public GraphStandIn()
        {
            _tokens.GetAccessTokenForUserAsync(Arg.Any<IEnumerable<string>>(), Arg.Any<string?>(), Arg.Any<string?>(), Arg.Any<string?>(),
                    Arg.Any<ClaimsPrincipal?>(), Arg.Any<TokenAcquisitionOptions?>())
                .Returns(ci => "graph-token-for-" + ci.ArgAt<ClaimsPrincipal?>(4)?.FindFirst("name")?.Value);
        }

        public async Task StartAsync()
        {
            Fake = await FakeGraph.StartAsync();
            _options = new GraphOptions { BaseUrl = Fake.BaseUrl, BackoffSeconds = 0 };
            _http = MailboxSetup.CreateGraphHttp(_options, TimeProvider.System);
        }

        /// <summary>Replaces the API's mailbox (unavailable in Development) with Graph on the signed-in user's behalf.</summary>
        public void Register(IServiceCollection services) => services.AddScoped<IMailbox>(sp => MailboxSetup.CreateGraphMailbox(
            _http ?? throw new InvalidOperationException("The fake Graph did not start."), _tokens,
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.User, _options!));

        public async ValueTask DisposeAsync()
        {
            _http?.Dispose();
            if (Fake is not null) await Fake.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class MailboxPaneCollection : ICollectionFixture<MailboxPaneFixture>
{
    public const string Name = "Outlook pane in Chromium, with a Graph mailbox";
}
