-- Reference catalogue shipped with Redo (domain.md §3.3 and §8.2). It is data, not code:
-- administrators edit it in the catalogue pages, and new agreement versions are added beside it.

INSERT INTO capability_areas (code, title, description, nato_blr, requirement_codes, sort_order) VALUES
 ('CA01', 'Larm, TiB och aktivering', 'Förmåga att ta emot larm dygnet runt, larma och aktivera krisorganisationen.', '1', 'K5', 1),
 ('CA02', 'Krisledning och samverkan (RKL, KLN, RSSL/LSSL, ISF)', 'Leda, samordna och samverka internt och med externa aktörer, i fred och vid höjd beredskap.', '1', 'K3,C5', 2),
 ('CA03', 'Risk-, sårbarhets- och kontinuitetshantering', 'RSA, plan för extraordinära händelser och kontinuitetsplaner för samhällsviktig verksamhet.', '1', 'K1,K2,K7', 3),
 ('CA04', 'Lägesbild, rapportering och kriskommunikation (WIS, Rakel)', 'Ta fram och rapportera lägesbilder samt kommunicera med allmänhet och medier.', '6', 'K6', 4),
 ('CA05', 'Krigsorganisation, krigsplacering och personalförsörjning', 'Krigsorganisation fastställd, personal krigsplacerad och bemanning säkrad.', '1,5', 'C3', 5),
 ('CA06', 'Beredskapsplanering för höjd beredskap', 'Planering för verksamhet under höjd beredskap i linje med länsstyrelsens och civilområdets planering.', '1', 'C4', 6),
 ('CA07', 'Masskadeutfall och katastrofmedicin', 'Omhändertagande av många skadade, katastrofmedicinsk beredskap och kapacitetsplaner.', '5', 'C6', 7),
 ('CA08', 'Försörjningsberedskap (läkemedel, sjukvårdsprodukter, livsmedel, drivmedel)', 'Lager, avtal och försörjningskedjor för kritiska förnödenheter.', '4', 'C7', 8),
 ('CA09', 'Teknisk driftsäkerhet (el/reservkraft, vatten, värme, IT/telefoni)', 'Reservkraft, nödvatten, värme och robusta IT- och telefonisystem.', '2,4,6', 'C8,C10', 9),
 ('CA10', 'Säkerhetsskydd och informationssäkerhet', 'Säkerhetsskyddsanalys, organisation och skydd av information.', '1', 'C2', 10),
 ('CA11', 'Ledningsplatser och skyddade utrymmen', 'Skyddade ledningsplatser och skyddade utrymmen för vården.', '1', 'C9', 11),
 ('CA12', 'Utbildning och övning (kompetens)', 'Utbildnings- och övningsplan, kompetenshöjning inom totalförsvar.', '', 'K4,C1', 12),
 ('CA13', 'Smittskydd / epidemi- och pandemiberedskap', 'Smittskyddsberedskap, skyddsutrustning och vaccinationslogistik.', '5', 'C10', 13),
 ('CA14', 'Transporter (ambulans, sjuktransport, kollektivtrafik)', 'Ambulans, sjuktransporter och kollektivtrafik under störningar.', '7', 'C10', 14);

INSERT INTO agreements (id, counterparty, name, valid_from, valid_to) VALUES
 (1, 'MSB (MCF från 2026-01-01) och SKR', 'Överenskommelse om regionernas arbete med krisberedskap och civilt försvar 2024–2026', '2024-01-01', '2026-12-31'),
 (2, 'Socialstyrelsen', 'Statsbidrag till regioner för hälso- och sjukvårdens beredskap, förordning (2023:489)', '2024-01-01', NULL),
 (3, 'Socialstyrelsen', 'Statsbidrag för driftsäkerhet på fastigheter för hälso- och sjukvård, förordning (2023:30)', '2023-01-01', NULL);

INSERT INTO requirement_areas (agreement_id, code, title, deliverable, cadence, recipient, source) VALUES
 (1, 'K1', 'Risk- och sårbarhetsanalys', 'RSA fastställd och rapporterad enligt MSBFS 2015:4', 'Varje mandatperiod, vid dess början', 'MSB/MCF, Socialstyrelsen, Länsstyrelsen', 'LEH 2 kap. 1 §; MSBFS 2015:4'),
 (1, 'K2', 'Plan för extraordinära händelser', 'Plan antagen av regionfullmäktige med hänsyn till RSA', 'Varje mandatperiod', 'MSB/MCF', 'LEH 2 kap. 1 §'),
 (1, 'K3', 'Krisledningsnämnd', 'Reglemente; ledamöter utbildade och övade', 'Reglemente varje mandatperiod; utbildning och övning återkommande', 'MSB/MCF', 'LEH 2 kap.'),
 (1, 'K4', 'Utbildnings- och övningsplan', 'Flerårig utbildnings- och övningsplan som övar samverkan och ledning och säkrar samhällsviktig verksamhet', 'Varje mandatperiod och årlig uppdatering', 'MSB/MCF', 'Överenskommelsen; MSB:s övningsinriktning'),
 (1, 'K5', 'Tjänsteman i beredskap / larm', 'TiB dygnet runt; larmlistor; förmåga att larma och aktivera', 'Löpande; prövas i larmövningar', 'Socialstyrelsen, MSB/MCF', 'SOSFS 2013:22'),
 (1, 'K6', 'Rapportering / lägesbild', 'Rutiner och verktyg (WIS, Rakel) för lägesbilder till länsstyrelse, Socialstyrelsen och MSB/MCF', 'Löpande; vid händelser', 'Länsstyrelsen, Socialstyrelsen, MSB/MCF', 'Överenskommelsen'),
 (1, 'K7', 'Kontinuitetshantering', 'Samhällsviktig verksamhet identifierad; beroenden; acceptabel avbrottstid; kontinuitetsplaner per förvaltning', 'Löpande; i RSA', 'Internt, RSA', 'MSBFS 2015:4'),
 (1, 'C1', 'Kompetenshöjning totalförsvar', 'Nyckelpersoner utbildade om höjd beredskap och totalförsvar', 'Löpande', 'MSB/MCF', 'Överenskommelsen'),
 (1, 'C2', 'Säkerhetsskydd', 'Säkerhetsskyddsanalys, organisation och säkerhetsskyddschef enligt säkerhetsskyddslagen (2018:585)', 'Löpande', 'MSB/MCF, Säpo', 'Säkerhetsskyddslagen (2018:585)'),
 (1, 'C3', 'Krigsorganisation och krigsplacering', 'Krigsorganisation fastställd; personal krigsplacerad; bemanning säkrad', 'Löpande', 'MSB/MCF, Socialstyrelsen', 'LEH 3 kap.'),
 (1, 'C4', 'Beredskapsplanering (höjd beredskap)', 'Plan för verksamhet under höjd beredskap i linje med länsstyrelsens och civilområdets planering', 'Löpande', 'MSB/MCF, Socialstyrelsen', 'LEH 3 kap.'),
 (1, 'C9', 'Ledningsplatser och skyddade utrymmen', 'Ledningsplatser och skyddade utrymmen inventerade och utrustade', 'Projektbaserat', 'MSB/MCF, Socialstyrelsen', 'MSB ersättning till regioner; S2024/00390'),
 (1, 'F1', 'Ekonomisk redovisning', 'Användning av ersättningen (utbetalas i juni efter fakturering)', 'Årligen', 'MSB/MCF', 'LEH 5 kap.'),
 (2, 'C3', 'Personalförsörjning (krigsorganisation och bemanning)', 'Krigsorganisation och bemanning inom hälso- och sjukvården', 'Ansökan Q1; återrapport året därpå', 'Socialstyrelsen', 'Förordning (2023:489)'),
 (2, 'C5', 'Samverkan och ledning', 'Ledningsstruktur (RKL/RSSL/LSSL) som fungerar dygnet runt och vid höjd beredskap; planeringssamverkan', 'Ansökan Q1; återrapport året därpå', 'Socialstyrelsen', 'Förordning (2023:489)'),
 (2, 'C4', 'Beredskapsplanering', 'Planering för hälso- och sjukvårdens verksamhet vid kris och höjd beredskap', 'Ansökan Q1; återrapport året därpå', 'Socialstyrelsen', 'Förordning (2023:489)'),
 (2, 'C6', 'Hantering av masskadehändelser', 'Masskadeplaner och kapacitetsplaner; planeringsplikt enligt HSL från 2026', 'Ansökan Q1; återrapport året därpå', 'Socialstyrelsen', 'Förordning (2023:489); prop. 2024/25:167'),
 (2, 'K4', 'Utbildning och övning', 'Utbildning och övning av hälso- och sjukvårdens personal', 'Ansökan Q1; återrapport året därpå', 'Socialstyrelsen', 'Förordning (2023:489)'),
 (2, 'C7', 'Försörjningsberedskap', 'Lager av läkemedel och sjukvårdsprodukter; lagringsskyldighet från 2027', 'Löpande; 2027', 'Socialstyrelsen', 'Prop. 2024/25:167'),
 (2, 'C10', 'Andra robusthetshöjande åtgärder', 'Åtgärder från RSA: IT, telefoni, transporter, livsmedel m.m.', 'Löpande', 'Socialstyrelsen', 'Överenskommelsen 2023'),
 (3, 'C8', 'Driftsäkerhet / reservkraft / vatten', 'Reservkraft, vatten och värme för sjukhus; åtgärder finansierade enligt 2023:30', 'Årlig bidragscykel; återrapport i mars året därpå', 'Socialstyrelsen', 'Förordning (2023:30)');
