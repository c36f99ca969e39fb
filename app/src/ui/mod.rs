//! The user interface: the HTML shell, the router, pages and shared components.
//! Depends on `api` (server functions and view models) and `domain` (labels and rules).

pub mod components;
pub mod pages;
pub mod texts;

use components::{Footer, Header, NotFound};
use leptos::prelude::*;
use leptos_meta::{MetaTags, provide_meta_context};
use leptos_router::SsrMode;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;
use pages::admin::{AuditPage, ReadinessSettingsPage, UsersPage};
use pages::catalogue::{AgreementsPage, CapabilitiesPage, CatalogueIndexPage, ForvaltningarPage};
use pages::evaluation::{EvaluationPage, ReportPage};
use pages::exercises::{EditExercisePage, ExerciseDetailPage, ExerciseListPage, NewExercisePage};
use pages::followup::{
    BriefPage, BriefsPage, CalendarPage, CompareBriefsPage, IndicatorPage, IndicatorsPage,
};
use pages::home_page::HomePage;
use pages::improvement::{ActionPage, ActionsPage, FindingPage, FindingsPage, LessonsPage};
use pages::live::{InjectsPage, LivePage, StaffPage};
use pages::login_page::LoginPage;
use pages::nok::{NokPage, RequirementPage, RolloverPage};
use pages::plan::{CoveragePage, PlanPage};
use pages::readiness::{AssessmentGridPage, AssessmentPage, BoardPage, NewAssessmentPage};

/// The HTML document around the app, rendered on the server.
///
/// Pages are server-rendered HTML with plain links and forms, so everything works without
/// JavaScript. Only islands (`#[island]` components) are hydrated: the WebAssembly carries just
/// them, not the whole app (see docs/adr/0002-islands.md).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="sv">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                // Static: the same on every page, so not registered through leptos_meta per request.
                <link rel="stylesheet" id="leptos" href="/pkg/redo.css" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                <meta name="description" content=texts::sv::TAGLINE />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Router>
            <Header />
            <main id="innehall" tabindex="-1">
                <Routes fallback=|| view! { <NotFound /> }>
                    <Route path=path!("/logga-in") view=LoginPage ssr=SsrMode::Async />
                    <Route path=path!("/") view=HomePage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar") view=ExerciseListPage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/ny") view=NewExercisePage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id") view=ExerciseDetailPage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id/redigera") view=EditExercisePage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id/live") view=LivePage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id/inspel") view=InjectsPage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id/bemanning") view=StaffPage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id/utvardering") view=EvaluationPage ssr=SsrMode::Async />
                    <Route path=path!("/ovningar/:id/rapport") view=ReportPage ssr=SsrMode::Async />
                    <Route path=path!("/brister") view=FindingsPage ssr=SsrMode::Async />
                    <Route path=path!("/brister/:id") view=FindingPage ssr=SsrMode::Async />
                    <Route path=path!("/atgarder") view=ActionsPage ssr=SsrMode::Async />
                    <Route path=path!("/atgarder/:id") view=ActionPage ssr=SsrMode::Async />
                    <Route path=path!("/lardomar") view=LessonsPage ssr=SsrMode::Async />
                    <Route path=path!("/plan") view=PlanPage ssr=SsrMode::Async />
                    <Route path=path!("/tackning") view=CoveragePage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap") view=BoardPage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap/bedomningar") view=AssessmentGridPage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap/bedomningar/ny") view=NewAssessmentPage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap/bedomningar/:id") view=AssessmentPage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap/rapporter") view=BriefsPage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap/rapporter/jamfor") view=CompareBriefsPage ssr=SsrMode::Async />
                    <Route path=path!("/beredskap/rapporter/:id") view=BriefPage ssr=SsrMode::Async />
                    <Route path=path!("/kalender") view=CalendarPage ssr=SsrMode::Async />
                    <Route path=path!("/indikatorer") view=IndicatorsPage ssr=SsrMode::Async />
                    <Route path=path!("/indikatorer/:id") view=IndicatorPage ssr=SsrMode::Async />
                    <Route path=path!("/nok") view=NokPage ssr=SsrMode::Async />
                    <Route path=path!("/nok/krav/:id") view=RequirementPage ssr=SsrMode::Async />
                    <Route path=path!("/nok/ny-version/:id") view=RolloverPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog") view=CatalogueIndexPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/forvaltningar") view=ForvaltningarPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/formagor") view=CapabilitiesPage ssr=SsrMode::Async />
                    <Route path=path!("/katalog/overenskommelser") view=AgreementsPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/anvandare") view=UsersPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/logg") view=AuditPage ssr=SsrMode::Async />
                    <Route path=path!("/admin/beredskap") view=ReadinessSettingsPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <Footer />
        </Router>
    }
}
