using Fediversity.Panel.Configuration;
using Fediversity.Panel.Data;
using Fediversity.Panel.Deployments;
using Fediversity.Panel.Operators;
using Fediversity.Panel.Refresh;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Fediversity.Panel.Hosting;

/// <summary>Builds the panel: its pages, its database, the job engine and the orchestrator.</summary>
internal static class PanelApp
{
    public const string StaffRole = "admin";

    public static async Task<WebApplication> BuildAsync(string[] args, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PanelApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });

        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.Logging.AddFilter("Quartz", LogLevel.Warning);
        var options = builder.Configuration.GetSection(PanelOptions.Section).Get<PanelOptions>() ?? new PanelOptions();
        Directory.CreateDirectory(options.ResolvedDataDirectory);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(await PanelOrchestrator.OpenAsync(options, cancellationToken));

        builder.Services.AddDbContextFactory<PanelDbContext, PanelDbContextFactory>(
            db => PanelDatabase.Configure(db, options));
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<PanelDbContext>>().CreateDbContext());
        builder.Services.AddDataProtection()
            .SetApplicationName("fediversity-panel")
            .PersistKeysToDbContext<PanelDbContext>();

        builder.Services.AddIdentity<PanelUser, IdentityRole>(identity =>
            {
                identity.Password.RequiredLength = 10;
                identity.Password.RequireDigit = false;
                identity.Password.RequireLowercase = false;
                identity.Password.RequireUppercase = false;
                identity.Password.RequireNonAlphanumeric = false;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.Lockout.AllowedForNewUsers = true;
                identity.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<PanelDbContext>()
            .AddDefaultTokenProviders();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/SignIn";
            cookie.LogoutPath = "/Account/SignOut";
            cookie.Cookie.Name = "fedipanel";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Strict;
            cookie.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(StaffRole, policy => policy.RequireRole(StaffRole));

        builder.Services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/");
            pages.Conventions.AllowAnonymousToPage("/Index");
            pages.Conventions.AllowAnonymousToPage("/Error");
            pages.Conventions.AllowAnonymousToPage("/Status");
            pages.Conventions.AllowAnonymousToFolder("/Account");
            pages.Conventions.AuthorizeFolder("/Staff", StaffRole);
        });

        builder.Services.AddScoped<OperatorAccess>();
        builder.Services.AddScoped<ConfigurationStore>();
        builder.Services.AddScoped<DeploymentPreparer>();
        builder.Services.AddScoped<DeploymentQueue>();
        builder.Services.AddScoped<DeploymentProgressReader>();
        builder.Services.AddSingleton<DeploymentFeeds>();
        builder.Services.AddSingleton<StoredEventWriter>();

        builder.Services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(s =>
            {
                s.InstanceName = "fediversity-panel";
                s.ShutdownJobInterruption = ShutdownJobInterruption.Always;
                if (options.UsesPostgres)
                {
                    // Deployments queued by another panel of the cluster wake no scheduler here; an idle one asks
                    // the job store again after this long (30 s by default) to take them.
                    s.IdleWaitTime = TimeSpan.FromSeconds(1);
                }
            });
            quartz.UseDefaultThreadPool(Math.Max(1, options.Workers));
            quartz.UsePersistentStore(store =>
            {
                PanelDatabase.ConfigureJobStore(store, options);
                if (options.UsesPostgres)
                {
                    // Quartz clusters over PostgreSQL only; on SQLite one panel process runs the jobs.
                    store.UseClustering(c => c.CheckinInterval = TimeSpan.FromSeconds(5));
                }

                store.ProvisionSchema();
                store.ConfigureStore(s =>
                {
                    s.RecoverFiringsCancelledByShutdown = true;

                    // A deployment that waits its turn in a busy queue is not late: past the misfire threshold
                    // (a minute by default) it would be left to the misfire handler, which takes a few at a
                    // time, once a minute, and wait that long again.
                    s.MisfireThreshold = TimeSpan.FromDays(30);
                    s.MisfireHandlerFrequency = TimeSpan.FromMinutes(1);
                });
            });
        });
        builder.Services.AddQuartzHostedService(q =>
        {
            q.WaitForJobsToComplete = false;
            q.AutoStart = options.RunWorkers;
        });
        builder.Services.AddHostedService<QueueReconciler>();

        var app = builder.Build();
        await PanelDatabase.InitializeAsync(app.Services, cancellationToken);
        await StaffAccounts.EnsureFromSettingsAsync(app.Services, options, cancellationToken);
        await RefreshSchedule.ApplyAsync(app.Services, options, cancellationToken);

        app.UseExceptionHandler("/Error");
        app.UseStatusCodePagesWithReExecute("/Status/{0}");
        app.Use(async (context, next) =>
        {
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.XFrameOptions = "DENY";
            context.Response.Headers["Referrer-Policy"] = "same-origin";
            await next();
        });
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapRazorPages();
        DeploymentEndpoints.Map(app);
        return app;
    }
}
